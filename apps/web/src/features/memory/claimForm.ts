/** The add/edit memory form's values, and turning them into what the server validates. */
import type { Claim, ClaimDomain, ClaimEntity, ClaimType } from '@margin/shared';

export interface ClaimFormValues {
  statement: string;
  type: ClaimType;
  domain: ClaimDomain;
  tags: string[];
  /** Entity names, comma separated. */
  entities: string;
  /** 0–100, empty for "not set". */
  confidence: string;
  /** yyyy-mm-dd, empty for "not set". */
  validFrom: string;
  validTo: string;
}

function dateInput(date: Date | null): string {
  if (!date) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function emptyForm(seed?: Partial<ClaimFormValues>): ClaimFormValues {
  return {
    statement: '',
    type: 'fact',
    domain: 'personal',
    tags: [],
    entities: '',
    confidence: '',
    validFrom: '',
    validTo: '',
    ...seed,
  };
}

export function formFromClaim(claim: Claim): ClaimFormValues {
  return {
    statement: claim.statement,
    type: claim.type,
    domain: claim.domain,
    tags: claim.tags,
    entities: claim.entities.map((e) => e.name).join(', '),
    confidence: claim.confidence === null ? '' : String(Math.round(claim.confidence * 100)),
    validFrom: dateInput(claim.validFrom),
    validTo: dateInput(claim.validTo),
  };
}

/** Entity names, keeping the type and role of ones the claim already had. */
export function parseEntities(text: string, existing: readonly ClaimEntity[] = []): ClaimEntity[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const unique = [...new Set(names)];
  return unique.map(
    (name) =>
      existing.find((e) => e.name.toLowerCase() === name.toLowerCase()) ?? {
        name,
        type: 'other',
        role: 'mentioned',
      },
  );
}

/**
 * The input for `claims.create` / `claims.update` (validated by the shared zod schema before
 * sending). Confidence is typed as a percentage; an unparseable one is passed on so the schema
 * reports it.
 */
export function claimInputFromForm(values: ClaimFormValues, existing: readonly ClaimEntity[] = []) {
  const confidence = values.confidence.trim();
  return {
    statement: values.statement,
    type: values.type,
    domain: values.domain,
    tags: values.tags,
    entities: parseEntities(values.entities, existing),
    confidence: confidence === '' ? null : Number(confidence) / 100,
    validFrom: values.validFrom === '' ? null : new Date(`${values.validFrom}T00:00:00`),
    validTo: values.validTo === '' ? null : new Date(`${values.validTo}T00:00:00`),
  };
}
