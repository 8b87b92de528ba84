/**
 * Prompt composition, pure: `{other_prompt}` includes are expanded recursively and date/time
 * placeholders filled. Only `{[a-z0-9_]+}` is a placeholder, so JSON and code braces survive;
 * placeholders naming no prompt are left exactly as written.
 */
import { TRPCError } from '@trpc/server';
import { PROMPT_DYNAMIC_NAMES, PROMPT_LIMITS } from '@margin/shared';

export type DynamicPromptName = (typeof PROMPT_DYNAMIC_NAMES)[number];

/** Raw content of the prompt a name means for the reader, or undefined when there is none. */
export type PromptLookup = (name: string) => string | undefined;

const PLACEHOLDER = /\{([a-z0-9_]+)\}/g;

const isDynamic = (name: string): name is DynamicPromptName =>
  (PROMPT_DYNAMIC_NAMES as readonly string[]).includes(name);

/**
 * The values of the dynamic placeholders at `now`, in `timeZone` (an IANA name, default UTC):
 * date `2025-03-04`, time `09:05` (24 h), weekday `Tuesday`, datetime ISO 8601 (`…Z` in UTC,
 * with the offset elsewhere), year `2025`, month `March`.
 */
export function dynamicPromptValues(
  now: Date,
  timeZone = 'UTC',
): Record<DynamicPromptName, string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    weekday: 'long',
    timeZoneName: 'longOffset',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  const time = `${part('hour')}:${part('minute')}`;
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  const datetime =
    timeZone === 'UTC' ? now.toISOString() : `${date}T${time}:${part('second')}${offset}`;
  return {
    date,
    time,
    weekday: part('weekday'),
    datetime,
    year: part('year'),
    month: new Intl.DateTimeFormat('en-US', { timeZone, month: 'long' }).format(now),
  };
}

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/**
 * The composed text of prompt `name`. Throws BAD_REQUEST on an include cycle (naming it), on
 * includes nested deeper than `PROMPT_LIMITS.includeDepth`, or when the result would exceed
 * `PROMPT_LIMITS.composedMax` characters; NOT_FOUND when `lookup(name)` has no prompt.
 */
export function composePrompt({
  name,
  lookup,
  now,
  timeZone,
}: {
  name: string;
  lookup: PromptLookup;
  now: Date;
  timeZone?: string | undefined;
}): string {
  const root = lookup(name);
  if (root === undefined) {
    throw new TRPCError({ code: 'NOT_FOUND', message: `There is no prompt named "${name}".` });
  }
  const dynamic = dynamicPromptValues(now, timeZone);
  // Each prompt is expanded once (`height`: include levels below it), so repeated includes
  // cost nothing extra and cannot blow up exponentially.
  const memo = new Map<string, { text: string; height: number }>();

  const expand = (key: string, raw: string, stack: string[]): { text: string; height: number } => {
    const level = stack.length;
    const known = memo.get(key);
    if (known && level + known.height <= PROMPT_LIMITS.includeDepth) return known;
    if (level > PROMPT_LIMITS.includeDepth || known) {
      throw badRequest(
        `Prompt includes are nested more than ${PROMPT_LIMITS.includeDepth} levels deep (${[...stack, key].join(' → ')}…). Flatten some of them.`,
      );
    }
    const path = [...stack, key];
    let text = '';
    let height = 0;
    let last = 0;
    for (const match of raw.matchAll(PLACEHOLDER)) {
      const inner = match[1] ?? '';
      let replacement: string;
      if (isDynamic(inner)) {
        replacement = dynamic[inner];
      } else if (path.includes(inner)) {
        const cycle = [...path.slice(path.indexOf(inner)), inner].join(' → ');
        throw badRequest(`Prompt includes form a cycle: ${cycle}. Remove one of these includes.`);
      } else {
        const content = lookup(inner);
        if (content === undefined) continue; // not a prompt: left as written
        const included = expand(inner, content, path);
        replacement = included.text;
        height = Math.max(height, included.height + 1);
      }
      text += raw.slice(last, match.index) + replacement;
      last = match.index + match[0].length;
      if (text.length > PROMPT_LIMITS.composedMax) throw tooLong(name);
    }
    text += raw.slice(last);
    if (text.length > PROMPT_LIMITS.composedMax) throw tooLong(name);
    const result = { text, height };
    memo.set(key, result);
    return result;
  };

  return expand(name, root, []).text;
}

const tooLong = (name: string) =>
  badRequest(
    `Prompt "${name}" would be longer than ${PROMPT_LIMITS.composedMax.toLocaleString('en-US')} characters once its includes are expanded. Include fewer or shorter prompts.`,
  );
