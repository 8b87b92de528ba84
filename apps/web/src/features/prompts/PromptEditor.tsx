import { Button, Kbd, Notice } from '../../components';
import { cn } from '../../lib/cn';
import type { FieldErrors } from '../../lib/form';
import { MOD_KEY_LABEL } from '../profile/keys';
import { ContentField } from './ContentField';
import type { PromptDraft } from './draft';
import type { Facets } from './filter';
import { MetaFields } from './MetaFields';

/** The editable prompt: text, description, category, tags, and a save bar that stays in view. */
export function PromptEditor({
  draft,
  onChange,
  dirty,
  saving,
  errors,
  formError,
  facets,
  onSave,
  onDiscard,
}: {
  draft: PromptDraft;
  onChange: (draft: PromptDraft) => void;
  dirty: boolean;
  saving: boolean;
  errors: FieldErrors;
  formError: string | null;
  facets: Facets;
  onSave: () => void;
  onDiscard: () => void;
}) {
  return (
    <form
      aria-label="Edit prompt"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
      className="flex flex-col gap-5"
    >
      {formError ? (
        <Notice tone="danger" role="alert">
          {formError}
        </Notice>
      ) : null}
      <ContentField
        value={draft.content}
        onChange={(content) => {
          onChange({ ...draft, content });
        }}
        error={errors.content}
      />
      <MetaFields
        value={draft}
        onChange={(meta) => {
          onChange({ ...draft, ...meta });
        }}
        errors={errors}
        facets={facets}
      />
      <div className="sticky bottom-0 z-10 -mx-4 flex items-center justify-between gap-3 border-t border-line bg-canvas/90 px-4 py-3 backdrop-blur @3xl:-mx-8 @3xl:px-8">
        <p className="flex items-center gap-2 text-xs text-fg-subtle" aria-live="polite">
          <span
            aria-hidden
            className={cn('size-2 rounded-full', dirty ? 'bg-warning-text' : 'bg-line-strong')}
          />
          {dirty ? 'Unsaved changes' : 'All changes saved'}
          <span className="max-sm:hidden">
            · <Kbd>{MOD_KEY_LABEL}</Kbd> <Kbd>S</Kbd>
          </span>
        </p>
        <div className="flex items-center gap-2">
          {dirty ? (
            <Button variant="ghost" size="sm" onClick={onDiscard} disabled={saving}>
              Discard
            </Button>
          ) : null}
          <Button type="submit" variant="primary" size="sm" loading={saving} disabled={!dirty}>
            Save
          </Button>
        </div>
      </div>
    </form>
  );
}
