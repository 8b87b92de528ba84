import { describe, expect, it } from 'vitest';
import { insertCommand } from '../chat/commands';
import {
  documentReferences,
  insertSnippet,
  matchReferences,
  referenceQuery,
  type ReferenceDocument,
} from './references';

const DOCS: ReferenceDocument[] = [
  { ordinal: 2, title: 'Notes on garbage collection', status: 'indexing' },
  { ordinal: 1, title: 'Trace-based Just-in-Time Type Specialization', status: 'ready' },
];

describe('referenceQuery', () => {
  it('opens for # at the start or after a space or bracket', () => {
    expect(referenceQuery('#', 1)).toEqual({ query: '', start: 0 });
    expect(referenceQuery('compare #Doc_1', 14)).toEqual({ query: 'doc_1', start: 8 });
    expect(referenceQuery('(see #su', 8)).toEqual({ query: 'su', start: 5 });
    expect(referenceQuery('line\n#do', 8)).toEqual({ query: 'do', start: 5 });
  });

  it('stays closed inside words, after a space, and for markdown headings', () => {
    expect(referenceQuery('issue#1', 7)).toBeNull();
    expect(referenceQuery('# Heading', 9)).toBeNull();
    expect(referenceQuery('#doc_1 ', 7)).toBeNull();
    expect(referenceQuery('see #doc_1 and more', 10)).toEqual({ query: 'doc_1', start: 4 });
  });
});

describe('matchReferences', () => {
  it('lists documents in #doc_N order, then #doc_all, then the summary and full variants', () => {
    expect(documentReferences(DOCS).map((r) => `${r.sigil ?? ''}${r.name}`)).toEqual([
      '#doc_1',
      '#doc_2',
      '#doc_all',
      '#summary_doc_1',
      '#summary_doc_2',
      '#full_doc_1',
      '#full_doc_2',
    ]);
    expect(documentReferences([])).toEqual([]);
  });

  it('describes each reference with the title and the status', () => {
    const [first, second] = documentReferences(DOCS);
    expect(first?.description).toBe('Trace-based Just-in-Time Type Specialization');
    expect(second?.description).toBe('Notes on garbage collection (indexing…)');
  });

  it('matches by prefix, by number and by title', () => {
    expect(matchReferences('doc_', DOCS).map((r) => r.name)).toEqual(['doc_1', 'doc_2', 'doc_all']);
    expect(matchReferences('su', DOCS).map((r) => r.name)).toEqual([
      'summary_doc_1',
      'summary_doc_2',
    ]);
    expect(matchReferences('2', DOCS).map((r) => r.name)).toEqual(['doc_2']);
    expect(matchReferences('garbage', DOCS).map((r) => r.name)).toEqual(['doc_2']);
    expect(matchReferences('zzz', DOCS)).toEqual([]);
    expect(matchReferences('', DOCS)).toHaveLength(7);
  });

  it('inserts the chosen reference in place of the typed token', () => {
    const token = referenceQuery('ask #gar', 8);
    const [ref] = matchReferences(token?.query ?? '', DOCS);
    if (!token || !ref) throw new Error('no suggestion');
    expect(insertCommand('ask #gar', token.start, 8, ref)).toEqual({
      text: 'ask #doc_2 ',
      caret: 11,
    });
  });
});

describe('insertSnippet', () => {
  it('adds spaces only where the reference would touch a word', () => {
    expect(insertSnippet('', 0, '#doc_1')).toEqual({ text: '#doc_1 ', caret: 7 });
    expect(insertSnippet('Explain', 7, '#doc_1')).toEqual({ text: 'Explain #doc_1 ', caret: 15 });
    expect(insertSnippet('Explain  please', 8, '#doc_1')).toEqual({
      text: 'Explain #doc_1 please',
      caret: 14,
    });
    expect(insertSnippet('ab', 99, '#doc_2')).toEqual({ text: 'ab #doc_2 ', caret: 10 });
  });
});
