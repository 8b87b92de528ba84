import { PROFILE_LIMITS, updateProfileInput } from '@margin/shared';
import { useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import { Button, DialogClose, DialogFooter, Field, Kbd, Notice } from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc, type RouterOutputs } from '../../lib/trpc';
import { AutoHeightTextarea } from './AutoHeightTextarea';
import { CharCount } from './CharCount';
import { isSaveShortcut, MOD_KEY_LABEL } from './keys';

type Profile = RouterOutputs['users']['getProfile'];

export function ProfileForm({
  profile,
  onDirtyChange,
  onDone,
}: {
  profile: Profile;
  onDirtyChange: (dirty: boolean) => void;
  onDone: () => void;
}) {
  const utils = trpc.useUtils();
  const formRef = useRef<HTMLFormElement>(null);
  const [memory, setMemory] = useState(profile.memory);
  const [preferences, setPreferences] = useState(profile.preferences);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const dirty = memory !== profile.memory || preferences !== profile.preferences;

  // Reported from the change handlers (not an effect), so the dialog knows before any Escape.
  const change = (next: { memory: string; preferences: string }) => {
    setMemory(next.memory);
    setPreferences(next.preferences);
    onDirtyChange(next.memory !== profile.memory || next.preferences !== profile.preferences);
  };

  const save = trpc.users.updateProfile.useMutation({
    onSuccess: (saved) => {
      utils.users.getProfile.setData(undefined, saved);
      toast.success('Saved. Margin will use this from your next message.');
      onDone();
    },
    onError: (error) => {
      const fields = getFieldErrors(error);
      setErrors(fields);
      setFormError(Object.keys(fields).length > 0 ? null : getErrorMessage(error));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!dirty || save.isPending) return;
    const result = validate(updateProfileInput, { memory, preferences });
    setErrors(result.errors);
    setFormError(result.errors._form ?? null);
    if (!result.success) return;
    save.mutate(result.data);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-label="About you"
      className="flex flex-col gap-5"
    >
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <Field
        label="What Margin should know about you"
        hint="Your background, what you are working on, what you already know well."
        labelAside={<CharCount length={memory.length} max={PROFILE_LIMITS.fieldMax} />}
        error={errors.memory}
      >
        <AutoHeightTextarea
          name="memory"
          rows={5}
          autoFocus
          placeholder="e.g. I’m a second-year PhD student in computational biology. I know Python and statistics well, R a little. I’m preparing for my qualifying exam in May."
          className="max-h-[40dvh]"
          value={memory}
          onChange={(e) => {
            change({ memory: e.target.value, preferences });
          }}
        />
      </Field>
      <Field
        label="How you want answers"
        hint="Tone, length, format, language — anything you would otherwise repeat in every chat."
        labelAside={<CharCount length={preferences.length} max={PROFILE_LIMITS.fieldMax} />}
        error={errors.preferences}
      >
        <AutoHeightTextarea
          name="preferences"
          rows={4}
          placeholder="e.g. Be direct and skip the preamble. Use SI units. Show code in Python unless I ask otherwise. Explain maths step by step."
          className="max-h-[40dvh]"
          value={preferences}
          onChange={(e) => {
            change({ memory, preferences: e.target.value });
          }}
        />
      </Field>
      <DialogFooter className="mt-1 sm:justify-between">
        <p className="text-xs text-fg-subtle max-sm:text-center">
          {profile.updatedAt ? `Last saved ${formatRelative(profile.updatedAt)}` : 'Not saved yet'}
          <span className="max-sm:hidden">
            {' · '}
            <Kbd>{MOD_KEY_LABEL}</Kbd> <Kbd>S</Kbd> saves
          </span>
        </p>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="primary" loading={save.isPending} disabled={!dirty}>
            Save
          </Button>
        </div>
      </DialogFooter>
    </form>
  );
}
