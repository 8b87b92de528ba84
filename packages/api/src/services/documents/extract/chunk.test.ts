import { describe, expect, it } from 'vitest';

import { countTokens } from '../../chat/tokens.js';
import { chunkPages, iterateChunks, joinPages } from './chunk.js';
import type { ExtractedPage, TextChunk } from './types.js';

const WORDS = (
  'retrieval index token chunk overlap page citation document search answer model vector ' +
  'paragraph sentence boundary offset budget latency ranking fusion embedding summary quote'
).split(' ');

/** Deterministic prose: sentences of 8–20 words, paragraphs of 3–7 sentences. */
function prose(seed: number, paragraphs: number): string {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const paras: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    for (let s = 3 + next(5); s > 0; s--) {
      const words = Array.from({ length: 8 + next(13) }, () => WORDS[next(WORDS.length)] ?? 'x');
      sentences.push(`${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
    }
    paras.push(sentences.join(' '));
  }
  return paras.join('\n\n');
}

function checkInvariants(pages: ExtractedPage[], chunks: TextChunk[], target: number) {
  const joined = joinPages(pages);
  chunks.forEach((chunk, i) => {
    expect(chunk.position).toBe(i);
    expect(joined.slice(chunk.charStart, chunk.charEnd)).toBe(chunk.text);
    expect(chunk.text).toBe(chunk.text.trim());
    expect(chunk.tokenCount).toBe(countTokens(chunk.text));
    expect(chunk.tokenCount).toBeLessThanOrEqual(Math.ceil(target * 1.05));
    expect(chunk.pageStart).toBeLessThanOrEqual(chunk.pageEnd);
    if (i > 0) expect(chunk.charStart).toBeGreaterThan(chunks[i - 1]?.charStart ?? -1);
  });
  // Every character of text is in some chunk.
  const covered = new Uint8Array(joined.length);
  for (const c of chunks) covered.fill(1, c.charStart, c.charEnd);
  for (let i = 0; i < joined.length; i++)
    if (!/\s/.test(joined.charAt(i))) expect(covered[i]).toBe(1);
}

describe('chunkPages', () => {
  it('returns nothing for no text', () => {
    expect(chunkPages([])).toEqual([]);
    expect(
      chunkPages([
        { page: 1, text: '' },
        { page: 2, text: '  \n ' },
      ]),
    ).toEqual([]);
  });

  it('keeps a short document in one chunk', () => {
    const pages = [
      { page: 1, text: 'Hello world.' },
      { page: 2, text: 'Second page.' },
    ];
    const [chunk, ...rest] = chunkPages(pages);
    expect(rest).toEqual([]);
    expect(chunk).toMatchObject({
      position: 0,
      pageStart: 1,
      pageEnd: 2,
      charStart: 0,
      charEnd: joinPages(pages).length,
      text: 'Hello world.\n\nSecond page.',
    });
  });

  it('chunks by tokens with overlap, at paragraph or sentence boundaries', () => {
    const pages = Array.from({ length: 6 }, (_, i) => ({ page: i + 1, text: prose(i + 1, 6) }));
    const chunks = chunkPages(pages);
    checkInvariants(pages, chunks, 400);
    expect(chunks.length).toBeGreaterThan(4);
    const joined = joinPages(pages);
    for (const [i, chunk] of chunks.entries()) {
      // Ends at a sentence end; starts at a sentence start.
      expect(chunk.text).toMatch(/\.$/);
      expect(chunk.text).toMatch(/^[A-Z]/);
      expect(chunk.tokenCount).toBeGreaterThan(i === chunks.length - 1 ? 0 : 200);
      const next = chunks[i + 1];
      if (next) {
        // Overlap: the next chunk starts inside this one, by at most a couple of sentences.
        expect(next.charStart).toBeLessThan(chunk.charEnd);
        expect(countTokens(joined.slice(next.charStart, chunk.charEnd))).toBeLessThanOrEqual(120);
      }
    }
    // Most chunks end at a paragraph break, which is preferred once a chunk is 60% full.
    const atParagraph = chunks.filter((c) => joined.startsWith('\n\n', c.charEnd)).length;
    expect(atParagraph / chunks.length).toBeGreaterThan(0.6);
  });

  it('does not overlap when overlapTokens is 0', () => {
    const pages = [{ page: 1, text: prose(7, 20) }];
    const chunks = chunkPages(pages, { targetTokens: 100, overlapTokens: 0 });
    checkInvariants(pages, chunks, 100);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]?.charStart).toBeGreaterThanOrEqual(chunks[i - 1]?.charEnd ?? 0);
    }
  });

  it('assigns pages from offsets, across page breaks and empty pages', () => {
    const pages = [
      { page: 1, text: 'One. '.repeat(60).trim() },
      { page: 2, text: '' },
      { page: 3, text: 'Three. '.repeat(60).trim() },
    ];
    const chunks = chunkPages(pages, { targetTokens: 50, overlapTokens: 10 });
    checkInvariants(pages, chunks, 50);
    for (const c of chunks) {
      expect(c.pageStart).toBe(c.text.startsWith('One') ? 1 : 3);
      expect(c.pageEnd).toBe(c.text.includes('Three') ? 3 : 1);
    }
    expect(chunks.some((c) => c.pageStart === 1 && c.pageEnd === 3)).toBe(true);
  });

  it('splits text without sentence ends at lines, then words, then anywhere', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `row ${i}: value ${i * 7}`).join('\n');
    const byLine = chunkPages([{ page: 1, text: lines }], { targetTokens: 60, overlapTokens: 10 });
    checkInvariants([{ page: 1, text: lines }], byLine, 60);
    for (const c of byLine) expect(c.text).toMatch(/^row \d+: value \d+$/m);
    for (const c of byLine)
      expect(c.text.split('\n').every((l) => /^row \d+: value \d+$/.test(l))).toBe(true);

    const unspaced = [{ page: 1, text: '自然言語処理の研究'.repeat(400) + 'x'.repeat(3000) }];
    const hard = chunkPages(unspaced, { targetTokens: 80, overlapTokens: 10 });
    checkInvariants(unspaced, hard, 80);
    expect(hard.length).toBeGreaterThan(10);
  });

  it('never splits a surrogate pair', () => {
    const pages = [{ page: 1, text: '😀'.repeat(3000) }];
    const chunks = chunkPages(pages, { targetTokens: 50, overlapTokens: 0 });
    checkInvariants(pages, chunks, 50);
    for (const c of chunks) expect(c.text).toMatch(/^(?:😀)+$/u);
  });

  it('chunks a 200-page, 150k-word document in well under a second', () => {
    const pages = Array.from({ length: 200 }, (_, i) => ({ page: i + 1, text: prose(i + 11, 12) }));
    const words = joinPages(pages).split(/\s+/).length;
    expect(words).toBeGreaterThan(120_000);
    const started = performance.now();
    const chunks = chunkPages(pages);
    const elapsed = performance.now() - started;
    expect(chunks.length).toBeGreaterThan(300);
    expect(chunks.at(-1)?.pageEnd).toBe(200);
    expect(elapsed).toBeLessThan(1000);
  });

  it('iterateChunks yields the same chunks lazily, also when two run interleaved', () => {
    const a = [{ page: 1, text: prose(3, 60) }];
    const b = Array.from({ length: 3 }, (_, i) => ({ page: i + 1, text: prose(i + 40, 20) }));
    const opts = { targetTokens: 120, overlapTokens: 20 };
    const first = iterateChunks(a, opts).next();
    expect(first.value).toEqual(chunkPages(a, opts)[0]);
    // Two documents indexing at once advance their generators in turns (the regexes are shared).
    const left = iterateChunks(a, opts);
    const right = iterateChunks(b, opts);
    const gotA: TextChunk[] = [];
    const gotB: TextChunk[] = [];
    for (let done = false; !done;) {
      const x = left.next();
      const y = right.next();
      if (!x.done) gotA.push(x.value);
      if (!y.done) gotB.push(y.value);
      done = x.done === true && y.done === true;
    }
    expect(gotA).toEqual(chunkPages(a, opts));
    expect(gotB).toEqual(chunkPages(b, opts));
  });
});
