import { describe, expect, it } from 'vitest';
import { contentText } from '../llm/client.js';
import { assemblePrompt, CITATION_INSTRUCTION, type PromptInputs } from './prompt.js';
import { countTokens, IMAGE_TOKENS, truncateToTokens } from './tokens.js';

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
    const user = contentText(messages.at(-1)?.content ?? '');
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

  it('asks for [#doc_N p.X] citations only when documents are present', () => {
    const withDocs = assemblePrompt({
      ...base,
      documents: [{ label: '#doc_2 "Notes" p.3', text: '[p.3] Guards exit.' }],
    });
    const user = contentText(withDocs.messages.at(-1)?.content ?? '');
    expect(user).toContain(CITATION_INSTRUCTION);
    expect(CITATION_INSTRUCTION).toContain('[#doc_N p.X]');
    expect(user.indexOf(CITATION_INSTRUCTION)).toBeLessThan(user.indexOf('### #doc_2 "Notes" p.3'));
    const without = assemblePrompt(base);
    expect(JSON.stringify(without.messages)).not.toContain('#doc_N');
  });

  it('keeps whole document blocks in priority order within the documents share', () => {
    const documents = Array.from({ length: 40 }, (_, i) => ({
      label: `#doc_1 "Book" p.${i + 1}`,
      text: `[p.${i + 1}] ${'words about loops and guards '.repeat(40)}`,
    }));
    const { messages, report } = assemblePrompt({ ...base, documents });
    const user = contentText(messages.at(-1)?.content ?? '');
    const share = Math.floor((8000 - 2000) * 0.35);
    expect(report.documents.truncated).toBe(true);
    expect(report.documents.tokens + countTokens(CITATION_INSTRUCTION)).toBeLessThanOrEqual(share);
    const kept = [...user.matchAll(/### #doc_1 "Book" p\.(\d+)/g)].map((m) => Number(m[1]));
    expect(kept.length).toBeGreaterThan(3);
    // A prefix of the blocks, in order; the last one may be cut at its end, never split off its heading.
    expect(kept).toEqual(kept.map((_, i) => i + 1));
    expect(report.total).toBeLessThanOrEqual(8000 - 2000);
  });

  it('drops documents entirely rather than overflow a tiny window', () => {
    const { messages, report } = assemblePrompt({
      ...base,
      contextWindow: 300,
      documents: [{ label: '#doc_1', text: 'x '.repeat(2000) }],
    });
    expect(report.documents.tokens).toBe(0);
    expect(report.documents.truncated).toBe(true);
    expect(messages.at(-1)?.content).not.toContain('#doc_1');
  });

  it('sends images as parts after the text and pays a fixed cost for each', () => {
    const url = 'data:image/png;base64,iVBORw0KGgo=';
    const history = Array.from({ length: 60 }, (_, i) => ({
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `message ${i} ${'lorem ipsum dolor sit amet '.repeat(20)}`,
    }));
    const documents = [{ label: '#doc_1 "Chart" (image)', text: 'Image 1 of 2 attached.' }];
    const plain = assemblePrompt({ ...base, history, documents });
    const withImages = assemblePrompt({ ...base, history, documents, images: [{ url }, { url }] });
    expect(plain.messages.at(-1)?.content).toEqual(expect.any(String));
    expect(withImages.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: plain.messages.at(-1)?.content },
        { type: 'image_url', image_url: { url } },
        { type: 'image_url', image_url: { url } },
      ],
    });
    expect(withImages.report.images).toEqual({ count: 2, tokens: 2 * IMAGE_TOKENS });
    // The images' cost comes out of the history's room, and the total still fits.
    expect(withImages.report.history.kept).toBeLessThan(plain.report.history.kept);
    expect(withImages.report.total).toBeLessThanOrEqual(8000 - 2000);
  });
});
