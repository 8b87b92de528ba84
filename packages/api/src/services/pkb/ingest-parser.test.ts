import { describe, expect, it } from 'vitest';
import { guessDomain, guessType, parseNotes, splitSentences } from './ingest-parser.js';

describe('parseNotes', () => {
  it('skips headers, rules and blank lines; strips bullets, numbering and checkboxes', () => {
    const text = [
      '# About me',
      'User memory:',
      '---',
      '',
      '- I prefer green tea over coffee',
      '* My sister lives in Lyon',
      '• I go to the gym every morning',
      '1. I need to renew my passport',
      '2) I decided to learn Rust',
      '- [ ] Call the dentist about the appointment',
      '> I noticed I sleep better without screens',
      'Work stuff:',
      '- ok',
    ].join('\n');
    expect(parseNotes(text).map((c) => [c.statement, c.type, c.domain])).toEqual([
      ['I prefer green tea over coffee', 'preference', 'personal'],
      ['My sister lives in Lyon', 'fact', 'relationships'],
      ['I go to the gym every morning', 'habit', 'health'],
      ['I need to renew my passport', 'task', 'life_ops'],
      ['I decided to learn Rust', 'decision', 'learning'],
      ['Call the dentist about the appointment', 'reminder', 'health'],
      ['I noticed I sleep better without screens', 'observation', 'health'],
    ]);
    expect(parseNotes(text).every((c) => c.confidence === 0.7)).toBe(true);
  });

  it('reaches the memory type (the original checked "remember" first)', () => {
    expect(guessType('I remember when we moved to Pune')).toBe('memory');
    expect(guessType('Back in 2015 I lived in Berlin')).toBe('memory');
    expect(guessType('I used to play the violin')).toBe('memory');
    expect(guessType('Remember to call mum')).toBe('reminder');
    expect(guessType('My blood type is O+')).toBe('fact');
  });

  it('matches whole words only and keeps priority order', () => {
    // "likely" is not "like"; "willing" is not "will".
    expect(guessType('It is likely to rain and I am willing to wait')).toBe('fact');
    // preference comes before decision.
    expect(guessType('I will always love jazz')).toBe('preference');
    expect(guessDomain('My salary goes up in May')).toBe('finance');
    expect(guessDomain('Nothing in particular', 'work')).toBe('work');
  });

  it('uses the given domain when no keyword decides', () => {
    expect(parseNotes('I am 34 years old', 'health')[0]?.domain).toBe('health');
    expect(parseNotes('My manager is Priya', 'health')[0]?.domain).toBe('work');
  });

  it('splits long prose lines into sentences, keeps short ones whole', () => {
    const long =
      'I moved to Lyon in 2019 for a new job at a bakery. My partner joined me a year later. We adopted a cat called Miso, who hates the vacuum cleaner and loves the balcony.';
    expect(splitSentences(long)).toHaveLength(3);
    expect(parseNotes(long).map((c) => c.statement)).toEqual([
      'I moved to Lyon in 2019 for a new job at a bakery.',
      'My partner joined me a year later.',
      'We adopted a cat called Miso, who hates the vacuum cleaner and loves the balcony.',
    ]);
    expect(splitSentences('Dr. Smith is my GP. He is nice.')).toEqual([
      'Dr. Smith is my GP. He is nice.',
    ]);
  });

  it('cuts an over-long line to the statement limit and handles CRLF', () => {
    const [only] = parseNotes(`${'word '.repeat(600)}\r\n`);
    expect(only?.statement.length).toBeLessThanOrEqual(2000);
    expect(parseNotes('I like tea\r\nI like jam\r\n')).toHaveLength(2);
    expect(parseNotes('\n\n   \n')).toEqual([]);
  });
});
