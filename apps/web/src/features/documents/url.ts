import { addDocumentUrlInput } from '@margin/shared';
import { validate } from '../../lib/form';

/** "arxiv.org/abs/…" → "https://arxiv.org/abs/…"; anything else is left for validation. */
export function normalizeUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+-]*:/i.test(trimmed)) return trimmed;
  return /^[\w-]+(\.[\w-]+)+([/:?#]|$)/.test(trimmed) ? `https://${trimmed}` : trimmed;
}

/** Why the address cannot be sent, or undefined. */
export function urlProblem(value: string): string | undefined {
  // The shared schema also refuses every scheme but http(s).
  const result = validate(addDocumentUrlInput.shape.url, value);
  return result.success ? undefined : result.errors._form;
}
