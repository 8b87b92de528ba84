import { PROMPT_DYNAMIC_NAMES, PROMPT_LIMITS } from '@margin/shared';

export type DynamicPlaceholder = (typeof PROMPT_DYNAMIC_NAMES)[number];

/** What each value the server fills in means (the server composes; this only documents it). */
const MEANINGS: Record<DynamicPlaceholder, string> = {
  date: 'Today’s date',
  time: 'The time, 24-hour',
  weekday: 'The day of the week',
  datetime: 'Date and time, ISO 8601',
  year: 'The year',
  month: 'The month’s name',
};

const weekdayFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long' });
const monthFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long' });

/** Example output of each placeholder for `now` (the server fills them in UTC). */
function example(name: DynamicPlaceholder, now: Date): string {
  const iso = now.toISOString();
  switch (name) {
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 16);
    case 'weekday':
      return weekdayFormat.format(now);
    case 'datetime':
      return iso;
    case 'year':
      return String(now.getUTCFullYear());
    case 'month':
      return monthFormat.format(now);
  }
}

export interface PlaceholderDoc {
  name: DynamicPlaceholder;
  token: string;
  meaning: string;
  example: string;
}

export function placeholderDocs(now: Date = new Date()): PlaceholderDoc[] {
  return PROMPT_DYNAMIC_NAMES.map((name) => ({
    name,
    token: `{${name}}`,
    meaning: MEANINGS[name],
    example: example(name, now),
  }));
}

export const INCLUDE_DEPTH = PROMPT_LIMITS.includeDepth;
