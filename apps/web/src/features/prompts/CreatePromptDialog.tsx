import { createPromptInput, PROMPT_LIMITS, type PromptScope } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Input,
  Notice,
  Select,
  type SelectOption,
} from '../../components';
import { getErrorCode, getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import { ContentField } from './ContentField';
import type { Facets } from './filter';
import { MetaFields, type PromptMeta } from './MetaFields';
import { nameError, suggestName } from './names';
import type { PromptDraftSeed, PromptKey, PromptListItem } from './types';

const SCOPE_OPTIONS = [
  { value: 'personal', label: 'Personal', description: 'Only you can see and use it.' },
  { value: 'global', label: 'Global', description: 'Every user can use it; admins edit it.' },
] as const satisfies readonly SelectOption<PromptScope>[];

export interface CreatePromptDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Prefilled values ("Make a personal copy"). */
  seed?: PromptDraftSeed | undefined;
  isAdmin: boolean;
  existing: readonly PromptListItem[];
  facets: Facets;
  onCreated: (key: PromptKey) => void;
}

export function CreatePromptDialog({ open, onOpenChange, ...props }: CreatePromptDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="xl"
      title="New prompt"
      description="Reusable instructions you can add to a chat or include in other prompts."
    >
      <CreatePromptForm
        {...props}
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function CreatePromptForm({
  seed,
  isAdmin,
  existing,
  facets,
  onCreated,
  onDone,
}: Omit<CreatePromptDialogProps, 'open' | 'onOpenChange'> & { onDone: () => void }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState(seed?.name ?? '');
  const [scope, setScope] = useState<PromptScope>('personal');
  const [content, setContent] = useState(seed?.content ?? '');
  const [meta, setMeta] = useState<PromptMeta>({
    description: seed?.description ?? '',
    category: seed?.category ?? '',
    tags: seed?.tags ?? [],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const taken = existing.some(
    (p) => p.name === name && (p.scope === scope || p.scope === 'global'),
  );
  // Inline, as the name is typed: the shared schema's rule, then whether the name is free.
  const liveNameError =
    name === ''
      ? undefined
      : (nameError(name) ?? (taken ? `A prompt named “${name}” already exists.` : undefined));
  const shownNameError = liveNameError ?? errors.name;
  const suggestion = liveNameError && !taken ? suggestName(name) : '';

  const create = trpc.prompts.create.useMutation({
    onSuccess: (created) => {
      const key = { name: created.name, scope: created.scope };
      utils.prompts.get.setData(key, created);
      void utils.prompts.list.invalidate();
      toast.success(`Created “${created.name}”.`);
      onDone();
      onCreated(key);
    },
    onError: (error) => {
      const fields = getFieldErrors(error);
      if (getErrorCode(error) === 'CONFLICT') fields.name = getErrorMessage(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : getErrorMessage(error));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(createPromptInput, {
      name,
      content,
      description: meta.description,
      category: meta.category,
      tags: meta.tags,
      scope,
    });
    const next = { ...result.errors };
    if (!next.name && taken) next.name = `A prompt named “${name}” already exists.`;
    if (name === '') next.name = 'Give the prompt a name';
    setErrors(next);
    setFormError(null);
    if (!result.success || next.name) return;
    create.mutate(result.data);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New prompt" className="flex flex-col gap-5">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_13rem]">
        <Field
          label="Name"
          hint="Lowercase letters, digits and underscores. Other prompts include it as {name}."
          error={shownNameError}
          labelAside={
            suggestion && suggestion !== name ? (
              <button
                type="button"
                className="rounded text-xs font-medium text-accent-text hover:underline"
                onClick={() => {
                  setName(suggestion);
                }}
              >
                Use “{suggestion}”
              </button>
            ) : null
          }
        >
          <Input
            name="name"
            autoFocus
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={PROMPT_LIMITS.nameMax}
            placeholder="e.g. my_research_style"
            className="font-mono text-[13px]"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
            }}
          />
        </Field>
        {isAdmin ? (
          <Field label="Visible to" error={errors.scope}>
            <Select value={scope} onValueChange={setScope} options={SCOPE_OPTIONS} />
          </Field>
        ) : null}
      </div>
      <ContentField value={content} onChange={setContent} error={errors.content} />
      <MetaFields value={meta} onChange={setMeta} errors={errors} facets={facets} />
      <DialogFooter className="mt-1">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={create.isPending}>
          Create prompt
        </Button>
      </DialogFooter>
    </form>
  );
}
