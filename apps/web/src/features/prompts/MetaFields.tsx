import { PROMPT_LIMITS } from '@margin/shared';
import { useId } from 'react';
import { Field, Input } from '../../components';
import type { FieldErrors } from '../../lib/form';
import type { Facets } from './filter';
import { TagInput } from './TagInput';

export interface PromptMeta {
  description: string;
  category: string;
  tags: string[];
}

/** Description, category (with the categories in use offered) and tags. */
export function MetaFields({
  value,
  onChange,
  errors,
  facets,
}: {
  value: PromptMeta;
  onChange: (value: PromptMeta) => void;
  errors: FieldErrors;
  facets: Facets;
}) {
  const categoriesId = useId();
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        label="Description"
        hint="One line shown in the list and when picking a prompt."
        error={errors.description}
        className="sm:col-span-2"
      >
        <Input
          name="description"
          maxLength={PROMPT_LIMITS.descriptionMax}
          value={value.description}
          placeholder="What this prompt is for"
          onChange={(e) => {
            onChange({ ...value, description: e.target.value });
          }}
        />
      </Field>
      <Field label="Category" error={errors.category}>
        <Input
          name="category"
          maxLength={PROMPT_LIMITS.categoryMax}
          list={categoriesId}
          autoComplete="off"
          value={value.category}
          placeholder="e.g. teaching"
          onChange={(e) => {
            onChange({ ...value, category: e.target.value });
          }}
        />
        <datalist id={categoriesId}>
          {facets.categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </Field>
      <Field label="Tags" hint="Enter or comma adds a tag." error={errors.tags}>
        <TagInput
          value={value.tags}
          onChange={(tags) => {
            onChange({ ...value, tags });
          }}
          suggestions={facets.tags.map((t) => t.tag)}
        />
      </Field>
    </div>
  );
}
