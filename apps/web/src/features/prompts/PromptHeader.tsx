import { PROMPT_LIMITS } from '@margin/shared';
import { CopyPlus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge, Button, ConfirmDialog, CopyButton, IconButton } from '../../components';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import type { PromptDetail, PromptDraftSeed } from './types';

function copySeed(prompt: PromptDetail): PromptDraftSeed {
  return {
    name: `my_${prompt.name}`.slice(0, PROMPT_LIMITS.nameMax),
    content: prompt.rawContent,
    description: prompt.description,
    category: prompt.category,
    tags: prompt.tags,
  };
}

/** Name, scope, description, dates, and Copy / Duplicate / Delete. */
export function PromptHeader({
  prompt,
  shadowed,
  onDuplicate,
  onDeleted,
}: {
  prompt: PromptDetail;
  shadowed: boolean;
  onDuplicate: (seed: PromptDraftSeed) => void;
  onDeleted: () => void;
}) {
  const utils = trpc.useUtils();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = trpc.prompts.delete.useMutation();

  return (
    <header className="flex flex-col gap-3">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3">
        <div className="min-w-0 flex-1 basis-64">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="min-w-0 font-mono text-lg font-semibold tracking-tight break-all text-fg">
              {prompt.name}
            </h2>
            <Badge tone={prompt.scope === 'global' ? 'neutral' : 'accent'}>
              {prompt.scope === 'global' ? 'Global' : 'Personal'}
            </Badge>
            {prompt.category ? <Badge>{prompt.category}</Badge> : null}
          </div>
          {prompt.description ? (
            <p className="mt-1 text-sm leading-relaxed text-fg-muted">{prompt.description}</p>
          ) : null}
          <p className="mt-1.5 text-xs text-fg-subtle">
            Version {prompt.version} ·{' '}
            <time
              dateTime={prompt.updatedAt.toISOString()}
              title={formatDateTime(prompt.updatedAt)}
            >
              updated {formatRelative(prompt.updatedAt)}
            </time>{' '}
            · created {formatDate(prompt.createdAt)}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-1.5">
          <CopyButton value={prompt.content} label="Copy text" size="sm" />
          {prompt.editable ? (
            <>
              <IconButton
                label="Duplicate"
                icon={<CopyPlus />}
                size="sm"
                onClick={() => {
                  onDuplicate(copySeed(prompt));
                }}
              />
              <IconButton
                label="Delete prompt"
                icon={<Trash2 />}
                size="sm"
                className="hover:bg-danger-soft hover:text-danger-text"
                onClick={() => {
                  setConfirmDelete(true);
                }}
              />
            </>
          ) : (
            <Button
              size="sm"
              icon={<CopyPlus />}
              onClick={() => {
                onDuplicate(copySeed(prompt));
              }}
            >
              Make a personal copy
            </Button>
          )}
        </div>
      </div>
      {shadowed ? (
        <p className="rounded-lg bg-warning-soft px-3 py-2 text-[13px] text-warning-text">
          You have a personal prompt with this name; yours is the one used in your chats.
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete “${prompt.name}”?`}
        description={
          prompt.scope === 'global'
            ? `This removes the prompt and its history for every user. Prompts that include {${prompt.name}} will show the placeholder as written.`
            : `This removes the prompt and its history. Prompts that include {${prompt.name}} will show the placeholder as written.`
        }
        confirmLabel="Delete prompt"
        tone="danger"
        onConfirm={async () => {
          await remove.mutateAsync({ name: prompt.name, scope: prompt.scope });
          toast.success(`Deleted “${prompt.name}”.`);
          onDeleted();
          void utils.prompts.list.invalidate();
          void utils.prompts.get.invalidate(undefined, { refetchType: 'none' });
          void utils.prompts.versions.invalidate(undefined, { refetchType: 'none' });
        }}
      />
    </header>
  );
}
