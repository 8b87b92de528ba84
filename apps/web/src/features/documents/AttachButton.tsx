import { Link2, Paperclip, Upload } from 'lucide-react';
import { useRef } from 'react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
  IconButton,
} from '../../components';
import { useSystemConfig } from '../shell/LlmStatusNotice';
import { useDocumentsActions } from './context';
import { ACCEPT_ATTRIBUTE, SUPPORTED_SUMMARY } from './files';

/**
 * The composer's paperclip: pick files (several at once) or add a web address. Files can also be
 * dropped on the conversation or pasted into the message box.
 */
export function AttachButton({ disabled = false }: { disabled?: boolean }) {
  const actions = useDocumentsActions();
  const config = useSystemConfig();
  const input = useRef<HTMLInputElement>(null);
  if (!actions) return null;
  const urlUpload = config.data?.features.urlUpload ?? false;

  const picker = (
    <input
      ref={input}
      type="file"
      multiple
      accept={ACCEPT_ATTRIBUTE}
      aria-label="Attach files"
      tabIndex={-1}
      className="sr-only"
      onChange={(event) => {
        const files = Array.from(event.target.files ?? []);
        // Cleared so picking the same file again still triggers a change.
        event.target.value = '';
        actions.upload(files);
      }}
    />
  );
  const pick = () => {
    input.current?.click();
  };

  if (!urlUpload) {
    return (
      <>
        {picker}
        <IconButton
          label="Attach files"
          icon={<Paperclip />}
          size="sm"
          disabled={disabled}
          onClick={pick}
        />
      </>
    );
  }

  return (
    <>
      {picker}
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <IconButton
            label="Attach documents"
            icon={<Paperclip />}
            size="sm"
            tooltip={false}
            disabled={disabled}
          />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" side="top" className="max-w-80">
          <DropdownMenuItem icon={<Upload />} onSelect={pick}>
            Upload files…
          </DropdownMenuItem>
          <DropdownMenuItem icon={<Link2 />} onSelect={actions.openAddUrl}>
            Add from a web address…
          </DropdownMenuItem>
          <DropdownMenuLabel className="leading-snug font-normal">
            {SUPPORTED_SUMMARY}. You can also drop or paste files here.
          </DropdownMenuLabel>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
