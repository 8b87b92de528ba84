import { AtSign, Paperclip, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { trpc } from '../../lib/trpc';
import { memoryAttachments, useAttachedMemories } from './attachments';
import { shorten } from './labels';
import { referencedMemoryIds, removeReference } from './mentions';

/**
 * Above the composer: memories this message will use — queued with "Use in next message" and
 * `@memory:<id>` references in the text, shown by their statement instead of an id.
 */
export function AttachedMemories({
  conversationId,
  text,
  onTextChange,
}: {
  conversationId: string;
  text: string;
  onTextChange: (text: string) => void;
}) {
  const attached = useAttachedMemories(conversationId);
  const referenced = referencedMemoryIds(text).filter((id) => !attached.some((m) => m.id === id));
  if (attached.length === 0 && referenced.length === 0) return null;
  return (
    <ul className="mb-2 flex flex-wrap gap-1.5" aria-label="Memories for this message">
      {attached.map((m) => (
        <Chip
          key={m.id}
          icon={<Paperclip aria-hidden className="size-3.5 shrink-0" />}
          label={shorten(m.statement, 48)}
          title={`Attached: ${m.statement}`}
          removeLabel={`Don’t attach “${shorten(m.statement, 30)}”`}
          onRemove={() => {
            memoryAttachments.remove(conversationId, m.id);
          }}
        />
      ))}
      {referenced.map((id) => (
        <ReferenceChip
          key={id}
          id={id}
          onRemove={() => {
            onTextChange(removeReference(text, id));
          }}
        />
      ))}
    </ul>
  );
}

function ReferenceChip({ id, onRemove }: { id: string; onRemove: () => void }) {
  const claim = trpc.pkb.claims.get.useQuery({ id }, { staleTime: 5 * 60_000, retry: false });
  const statement = claim.data?.statement;
  const label = claim.isError ? 'Unknown memory' : statement ? shorten(statement, 48) : 'Memory…';
  return (
    <Chip
      icon={<AtSign aria-hidden className="size-3.5 shrink-0" />}
      label={label}
      title={claim.isError ? `No memory with id ${id}` : `Referenced: ${statement ?? id}`}
      tone={claim.isError ? 'danger' : 'accent'}
      removeLabel="Remove this reference"
      onRemove={onRemove}
    />
  );
}

function Chip({
  icon,
  label,
  title,
  removeLabel,
  onRemove,
  tone = 'accent',
}: {
  icon: ReactNode;
  label: string;
  title: string;
  removeLabel: string;
  onRemove: () => void;
  tone?: 'accent' | 'danger';
}) {
  return (
    <li
      title={title}
      className={
        tone === 'danger'
          ? 'inline-flex h-7 max-w-full items-center gap-1.5 rounded-full bg-danger-soft pr-1 pl-2.5 text-xs font-medium text-danger-text'
          : 'inline-flex h-7 max-w-full items-center gap-1.5 rounded-full bg-accent-soft pr-1 pl-2.5 text-xs font-medium text-accent-text'
      }
    >
      {icon}
      <span className="truncate">{label}</span>
      <button
        type="button"
        aria-label={removeLabel}
        onClick={onRemove}
        className="flex size-5 items-center justify-center rounded-full hover:bg-black/10 dark:hover:bg-white/10"
      >
        <X aria-hidden className="size-3" />
      </button>
    </li>
  );
}
