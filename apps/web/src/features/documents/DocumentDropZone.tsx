import { FileUp } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { useDocumentsActions } from './context';
import { SUPPORTED_SUMMARY } from './files';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/**
 * A conversation column that accepts files dropped on it (shows an overlay while files are
 * dragged over it). Drags of anything else (text, conversations) pass through untouched.
 */
export function DocumentDropZone({
  className,
  children,
}: {
  className?: string;
  children: ReactNode;
}) {
  const actions = useDocumentsActions();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them.
  const depth = useRef(0);

  // A file dropped next to the zone (sidebar, a dialog) must not make the browser leave the app
  // to show the file.
  useEffect(() => {
    const guard = (event: globalThis.DragEvent) => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files')) {
        event.preventDefault();
      }
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);

  if (!actions) return <div className={className}>{children}</div>;

  return (
    <div
      className={cn('relative', className)}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!hasFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        depth.current = 0;
        setOver(false);
        actions.upload(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {over ? (
        <div
          aria-hidden
          className="pointer-events-none absolute inset-2 z-30 flex flex-col items-center justify-center gap-2 rounded-2xl border-2 border-dashed border-accent bg-accent-soft/90 p-6 text-center backdrop-blur-[1px] animate-fade-in"
        >
          <FileUp className="size-8 text-accent-text" />
          <p className="text-base font-semibold text-accent-text">
            Drop to attach to this conversation
          </p>
          <p className="max-w-sm text-sm text-fg-muted">{SUPPORTED_SUMMARY}</p>
        </div>
      ) : null}
    </div>
  );
}
