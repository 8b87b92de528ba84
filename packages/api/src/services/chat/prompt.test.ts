import { describe, expect, it } from 'vitest';
import { assemblePrompt, type PromptInputs } from './prompt.js';
import { countTokens, truncateToTokens } from './tokens.js';

const now = new Date('2026-11-26T10:00:00Z');
const base: PromptInputs = {
  now,
  query: 'What is a tracing JIT?',
  contextWindow: 8000,
  history: [],
};

describe('truncateToTokens', () => {
  it('keeps short text, cuts long text to the budget from either end', () => {
    expect(truncateToTokens('hello', 10)).toBe('hello');
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const start = truncateToTokens(long, 50);
    expect(countTokens(start)).toBeLessThanOrEqual(50);
    expect(start.startsWith('word0')).toBe(true);
    const end = truncateToTokens(long, 50, 'end');
    expect(countTokens(end)).toBeLessThanOrEqual(50);
    expect(end.endsWith('word499')).toBe(true);
    expect(truncateToTokens(long, 0)).toBe('');
  });
});

describe('assemblePrompt', () => {
  it('puts the system prompt first and the question last, with today and detail guidance', () => {
    const { messages } = assemblePrompt({ ...base, detail: 1 });
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toContain('Today is 2026-11-26');
    expect(messages[0]?.content).toMatch(/Answer briefly/);
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'What is a tracing JIT?' });
  });

  it('includes every given part under its heading, and leaves out empty ones', () => {
    const { messages } = assemblePrompt({
      ...base,
      workspaceSystemPrompt: 'Focus on compilers.',
      promptFragments: [{ name: 'concise_answer', content: 'Be concise.' }],
      profile: { memory: 'PhD student in PL.', preferences: 'Use examples.' },
      instructions: 'Always cite sources.',
      summary: 'We discussed interpreters.',
      memoryPad: 'Deadline: Friday.',
      memories: [{ label: 'memory abc', text: 'Prefers Python.' }],
      documents: [{ label: '#doc_1 p.3', text: 'Trace trees record hot loops.' }],
    });
    const system = messages[0]?.content ?? '';
    for (const s of [
      'Focus on compilers.',
      'Be concise.',
      'PhD student in PL.',
      'Use examples.',
      'Always cite sources.',
    ])
      expect(system).toContain(s);
    const user = messages.at(-1)?.content ?? '';
    for (const s of [
      'We discussed interpreters.',
      'Deadline: Friday.',
      'Prefers Python.',
      '#doc_1 p.3',
      'Trace trees record hot loops.',
    ])
      expect(user).toContain(s);
    expect(user.trim().endsWith('What is a tracing JIT?')).toBe(true);
    const bare = assemblePrompt(base).messages[0]?.content ?? '';
    expect(bare).not.toContain('Workspace instructions');
    expect(bare).not.toContain('Standing instructions');
  });

  it('keeps the newest history within budget and drops the oldest whole messages', () => {
    const history = Array.from({ length: 60 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `message ${i} ${'lorem ipsum dolor sit amet '.repeat(20)}`,
    }));
    const { messages, report } = assemblePrompt({ ...base, contextWindow: 4000, history });
    expect(report.history.dropped).toBeGreaterThan(0);
    expect(report.history.kept + report.history.dropped).toBe(60);
    const kept = messages.slice(1, -1);
    expect(kept.at(-1)?.content).toMatch(/^message 59 /);
    expect(kept[0]?.content).toMatch(new RegExp(`^message ${60 - report.history.kept} `));
    expect(report.total).toBeLessThanOrEqual(4000 - 1000);
  });

  it('trims each oversized part to its share, deterministically', () => {
    const huge = 'alpha beta gamma delta '.repeat(5000);
    const inputs = { ...base, memoryPad: huge, documents: [{ label: 'd', text: huge }] };
    const a = assemblePrompt(inputs);
    const b = assemblePrompt(inputs);
    expect(a).toEqual(b);
    expect(a.report.memoryPad.truncated).toBe(true);
    expect(a.report.documents.truncated).toBe(true);
    expect(a.report.total).toBeLessThanOrEqual(8000 - 2000);
  });
});
