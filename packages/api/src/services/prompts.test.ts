import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { composePrompt, dynamicPromptValues, type PromptLookup } from './prompts.js';

const library =
  (entries: Record<string, string>): PromptLookup =>
  (name) =>
    Object.hasOwn(entries, name) ? entries[name] : undefined;

// Tuesday 4 March 2025, 09:05:07 UTC.
const now = new Date(Date.UTC(2025, 2, 4, 9, 5, 7));

function composeError(name: string, lookup: PromptLookup): TRPCError {
  try {
    composePrompt({ name, lookup, now });
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error('expected composePrompt to throw');
}

describe('composePrompt', () => {
  it('expands includes recursively', () => {
    const lookup = library({
      outer: 'Start. {middle} End.',
      middle: '[{inner}]',
      inner: 'core',
    });
    expect(composePrompt({ name: 'outer', lookup, now })).toBe('Start. [core] End.');
  });

  it('fills dynamic values at read time', () => {
    const lookup = library({
      p: '{date} {time} {weekday} {datetime} {year} {month}',
    });
    expect(composePrompt({ name: 'p', lookup, now })).toBe(
      '2025-03-04 09:05 Tuesday 2025-03-04T09:05:07.000Z 2025 March',
    );
  });

  it('fills dynamic values inside included prompts, and in a time zone', () => {
    const lookup = library({ a: 'Today: {b}', b: '{weekday} {date} {time}' });
    expect(composePrompt({ name: 'a', lookup, now })).toBe('Today: Tuesday 2025-03-04 09:05');
    // 09:05 UTC is 18:05 in Tokyo, the same day.
    expect(composePrompt({ name: 'a', lookup, now, timeZone: 'Asia/Tokyo' })).toBe(
      'Today: Tuesday 2025-03-04 18:05',
    );
    expect(dynamicPromptValues(now, 'Asia/Tokyo').datetime).toBe('2025-03-04T18:05:07+09:00');
    // 03:00 UTC on Tuesday is still Monday evening in Los Angeles.
    expect(dynamicPromptValues(new Date(Date.UTC(2025, 2, 4, 3)), 'America/Los_Angeles')).toEqual({
      date: '2025-03-03',
      time: '19:00',
      weekday: 'Monday',
      datetime: '2025-03-03T19:00:00-08:00',
      year: '2025',
      month: 'March',
    });
  });

  it('leaves unknown placeholders, JSON and code braces untouched', () => {
    const text = [
      'Reply as JSON: {"answer": "...", "sources": [{"url": "..."}]}',
      'function f() { return {a: 1}; }',
      '{unknown_name} {Capitalised} { spaced } {with-hyphen} {{double}}',
    ].join('\n');
    const lookup = library({ p: text, double: 'D' });
    expect(composePrompt({ name: 'p', lookup, now })).toBe(text.replace('{{double}}', '{D}'));
  });

  it('includes the same prompt several times', () => {
    const lookup = library({ a: '{b}+{b}+{b}', b: '{c}{c}', c: 'x' });
    expect(composePrompt({ name: 'a', lookup, now })).toBe('xx+xx+xx');
  });

  it('refuses a cycle, naming it', () => {
    const err = composeError('a', library({ a: 'A {b}', b: 'B {a}' }));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toContain('a → b → a');
    const self = composeError('s', library({ s: 'again {s}' }));
    expect(self.message).toContain('s → s');
    const deep = composeError('x', library({ x: '{y}', y: '{z}', z: '{y}' }));
    expect(deep.message).toContain('y → z → y');
  });

  it('allows 10 levels of includes, refuses 11', () => {
    const chain = (n: number) =>
      library(
        Object.fromEntries(
          Array.from({ length: n + 1 }, (_, i) => [`p${i}`, i < n ? `{p${i + 1}}` : 'leaf']),
        ),
      );
    expect(composePrompt({ name: 'p0', lookup: chain(10), now })).toBe('leaf');
    const err = composeError('p0', chain(11));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/nested more than 10 levels/);
  });

  it('applies the depth limit even when a shallow include was expanded first', () => {
    // p0 includes p5 directly (shallow) and through a 5-step chain; p5 has 6 levels below it.
    const entries: Record<string, string> = { p0: '{p5} {p1}' };
    for (let i = 1; i <= 11; i++) entries[`p${i}`] = i < 11 ? `{p${i + 1}}` : 'leaf';
    const err = composeError('p0', library(entries));
    expect(err.message).toMatch(/nested more than 10 levels/);
  });

  it('stops an include explosion at the size limit', () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i < 8; i++) entries[`p${i}`] = `{p${i + 1}}`.repeat(10);
    entries.p8 = 'x'.repeat(100);
    const err = composeError('p0', library(entries));
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.message).toMatch(/longer than 200,000 characters/);
  });

  it('is NOT_FOUND for an unknown root prompt', () => {
    expect(composeError('ghost', library({})).code).toBe('NOT_FOUND');
  });
});
