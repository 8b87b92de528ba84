/** Display names, badge tones and select options for the memory enums. */
import {
  CLAIM_DOMAINS,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimDomain,
  type ClaimStatus,
  type ClaimType,
} from '@margin/shared';
import type { BadgeTone, SelectOption } from '../../components';

export const TYPE_LABELS: Record<ClaimType, string> = {
  fact: 'Fact',
  memory: 'Memory',
  decision: 'Decision',
  preference: 'Preference',
  task: 'Task',
  reminder: 'Reminder',
  habit: 'Habit',
  observation: 'Observation',
};

export const DOMAIN_LABELS: Record<ClaimDomain, string> = {
  personal: 'Personal',
  health: 'Health',
  relationships: 'Relationships',
  learning: 'Learning',
  life_ops: 'Life admin',
  work: 'Work',
  finance: 'Finance',
};

export const STATUS_LABELS: Record<ClaimStatus, string> = {
  active: 'Active',
  contested: 'Contested',
  historical: 'Historical',
  superseded: 'Superseded',
  retracted: 'Retracted',
  draft: 'Draft',
};

export const STATUS_TONES: Record<ClaimStatus, BadgeTone> = {
  active: 'success',
  contested: 'warning',
  historical: 'neutral',
  superseded: 'neutral',
  retracted: 'danger',
  draft: 'neutral',
};

export const TYPE_OPTIONS: SelectOption<ClaimType>[] = CLAIM_TYPES.map((value) => ({
  value,
  label: TYPE_LABELS[value],
}));
export const DOMAIN_OPTIONS: SelectOption<ClaimDomain>[] = CLAIM_DOMAINS.map((value) => ({
  value,
  label: DOMAIN_LABELS[value],
}));
export const STATUS_OPTIONS: SelectOption<ClaimStatus>[] = CLAIM_STATUSES.map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

/** "All …" first, so a filter select can be cleared. */
export const ALL = 'all';
export function withAll<V extends string>(
  label: string,
  options: SelectOption<V>[],
): SelectOption<V | typeof ALL>[] {
  return [{ value: ALL, label }, ...options];
}

/** `@memory:<id>`: what the composer and the server understand as a memory reference. */
export function memoryReference(id: string): string {
  return `@memory:${id}`;
}

/** Statements shortened for chips and menus. */
export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
