import { createClaimInput, updateClaimInput, type Claim } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Input,
  Notice,
  Select,
  Textarea,
  toast,
} from '../../components';
import { getErrorCode, getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import { TagInput } from '../prompts/TagInput';
import { claimInputFromForm, emptyForm, formFromClaim, type ClaimFormValues } from './claimForm';
import { DOMAIN_OPTIONS, TYPE_OPTIONS } from './labels';
import { useInvalidateMemory } from './useMemoryCache';

export interface ClaimDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this memory; without it the dialog adds a new one. */
  claim?: Claim | undefined;
  /** Prefilled values for a new memory (e.g. a filter that is set). */
  seed?: Partial<ClaimFormValues> | undefined;
}

/** Add or edit one memory, validated with the shared schema; server errors shown inline. */
export function ClaimDialog({ open, onOpenChange, claim, seed }: ClaimDialogProps) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title={claim ? 'Edit memory' : 'Add a memory'}
      description={
        claim
          ? 'Changes apply to every future answer that uses this memory.'
          : 'A fact about you that Margin can use when it answers.'
      }
    >
      <ClaimForm
        key={claim?.id ?? 'new'}
        claim={claim}
        seed={seed}
        onDone={() => {
          onOpenChange(false);
        }}
      />
    </Dialog>
  );
}

function ClaimForm({
  claim,
  seed,
  onDone,
}: {
  claim: Claim | undefined;
  seed: Partial<ClaimFormValues> | undefined;
  onDone: () => void;
}) {
  const invalidate = useInvalidateMemory();
  const tags = trpc.pkb.tags.list.useQuery(undefined, { staleTime: 60_000 });
  const create = trpc.pkb.claims.create.useMutation();
  const update = trpc.pkb.claims.update.useMutation();
  const [values, setValues] = useState<ClaimFormValues>(() =>
    claim ? formFromClaim(claim) : emptyForm(seed),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pending = create.isPending || update.isPending;

  const set = (changes: Partial<ClaimFormValues>) => {
    setValues((v) => ({ ...v, ...changes }));
    const keys = Object.keys(changes);
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys.includes(k))));
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const input = claimInputFromForm(values, claim?.entities);
    const checked = claim
      ? validate(updateClaimInput, { id: claim.id, ...input })
      : validate(createClaimInput, input);
    if (!checked.success) {
      // The schema speaks of 0–1; the field is a percentage.
      const confidence = checked.errors.confidence ? 'Give a number from 0 to 100' : undefined;
      setErrors({ ...checked.errors, confidence });
      return;
    }
    try {
      if (claim) await update.mutateAsync({ id: claim.id, ...input });
      else await create.mutateAsync(input);
      toast.success(claim ? 'Memory updated' : 'Memory saved');
      void invalidate();
      onDone();
    } catch (error) {
      const fields = getFieldErrors(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else {
        const message = getErrorMessage(error);
        // The server names the existing memory ("You already have this memory: …").
        setFormError(
          getErrorCode(error) === 'CONFLICT' && !message.startsWith('You already have')
            ? `You already have this memory. ${message}`
            : message,
        );
      }
    }
  };

  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)} className="flex flex-col gap-4">
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field
        label="What should Margin remember?"
        error={errors.statement}
        hint="One fact per memory, e.g. “I’m vegetarian” or “My manager is Dana”."
      >
        <Textarea
          autoFocus
          rows={3}
          value={values.statement}
          onChange={(e) => {
            set({ statement: e.target.value });
          }}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Type" error={errors.type}>
          <Select
            value={values.type}
            options={TYPE_OPTIONS}
            onValueChange={(type) => {
              set({ type });
            }}
          />
        </Field>
        <Field label="Area of life" error={errors.domain}>
          <Select
            value={values.domain}
            options={DOMAIN_OPTIONS}
            onValueChange={(domain) => {
              set({ domain });
            }}
          />
        </Field>
      </div>
      <Field label="Tags" error={errors.tags} hint="Enter or comma adds a tag; use / for levels.">
        <TagInput
          value={values.tags}
          suggestions={tags.data?.map((t) => t.name) ?? []}
          onChange={(next) => {
            set({ tags: next });
          }}
        />
      </Field>
      <Field
        label="People, places, projects"
        error={errors.entities}
        hint="Names this memory is about, separated by commas."
      >
        <Input
          value={values.entities}
          placeholder="e.g. Dana, Acme"
          onChange={(e) => {
            set({ entities: e.target.value });
          }}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Confidence %" error={errors.confidence}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            placeholder="Not set"
            value={values.confidence}
            onChange={(e) => {
              set({ confidence: e.target.value });
            }}
          />
        </Field>
        <Field label="True from" error={errors.validFrom}>
          <Input
            type="date"
            value={values.validFrom}
            onChange={(e) => {
              set({ validFrom: e.target.value });
            }}
          />
        </Field>
        <Field label="True until" error={errors.validTo}>
          <Input
            type="date"
            value={values.validTo}
            onChange={(e) => {
              set({ validTo: e.target.value });
            }}
          />
        </Field>
      </div>
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          {claim ? 'Save changes' : 'Save memory'}
        </Button>
      </DialogFooter>
    </form>
  );
}
