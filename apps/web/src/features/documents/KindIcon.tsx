import type { DocumentKind } from '@margin/shared';
import {
  FileAudio,
  FileBraces,
  FileCode,
  FileImage,
  FileSpreadsheet,
  FileText,
  FileType,
  Globe,
  type LucideIcon,
} from 'lucide-react';
import { cn } from '../../lib/cn';

const ICONS: Record<DocumentKind, LucideIcon> = {
  pdf: FileText,
  docx: FileType,
  html: FileCode,
  markdown: FileText,
  text: FileText,
  csv: FileSpreadsheet,
  json: FileBraces,
  image: FileImage,
  audio: FileAudio,
};

/** The icon of a document's kind; pages fetched from a web address show a globe. */
export function KindIcon({
  kind,
  fromUrl = false,
  className,
}: {
  kind: DocumentKind;
  fromUrl?: boolean;
  className?: string;
}) {
  const Icon = fromUrl && kind === 'html' ? Globe : ICONS[kind];
  return <Icon aria-hidden className={cn('shrink-0', className)} />;
}
