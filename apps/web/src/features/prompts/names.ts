import { createPromptInput, PROMPT_LIMITS } from '@margin/shared';
import { validate } from '../../lib/form';

/** "My Style!" → "my_style": a valid prompt name close to what was typed, or '' if none. */
export function suggestName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, PROMPT_LIMITS.nameMax);
}

/** The shared schema's message for a new prompt name, or undefined when it is valid. */
export function nameError(name: string): string | undefined {
  const result = validate(createPromptInput.shape.name, name);
  return result.success ? undefined : (result.errors._form ?? 'Invalid name');
}
