import type { AccountImportResult } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { describeImportResult, summaryParts, plural } from './dataFormat';

const nothing: AccountImportResult = {
  workspaces: { created: 0, existing: 0 },
  conversations: { created: 0, existing: 0 },
  messages: 0,
  doubts: 0,
  documents: { created: 0, reindexing: 0 },
  prompts: { created: 0, renamed: 0, existing: 0 },
  memory: { created: 0, skipped: 0 },
  profileUpdated: false,
};

describe('plural', () => {
  it('says one and many, with grouped thousands', () => {
    expect(plural(1, 'message')).toBe('1 message');
    expect(plural(0, 'message')).toBe('0 messages');
    expect(plural(12_345, 'memory', 'memories')).toBe('12,345 memories');
  });
});

describe('summaryParts', () => {
  it('lists every kind of data, with the documents’ size', () => {
    expect(
      summaryParts({
        conversations: 12,
        messages: 340,
        documents: 3,
        documentBytes: 4.2 * 1024 * 1024,
        prompts: 5,
        memories: 20,
        workspaces: 4,
      }).join(' · '),
    ).toBe(
      '12 conversations · 340 messages · 3 documents (4.2 MB) · 5 prompts · 20 memories · 4 workspaces',
    );
  });

  it('leaves the size out when there are no document bytes', () => {
    expect(
      summaryParts({
        conversations: 1,
        messages: 1,
        documents: 0,
        documentBytes: 0,
        prompts: 1,
        memories: 1,
        workspaces: 1,
      }).join(' · '),
    ).toBe('1 conversation · 1 message · 0 documents · 1 prompt · 1 memory · 1 workspace');
  });
});

describe('describeImportResult', () => {
  it('says what was added and what was already there', () => {
    const report = describeImportResult({
      ...nothing,
      conversations: { created: 12, existing: 2 },
      messages: 340,
      documents: { created: 3, reindexing: 3 },
      prompts: { created: 5, renamed: 0, existing: 0 },
      memory: { created: 20, skipped: 0 },
    });
    expect(report.added).toBe(
      'Added 12 conversations (340 messages), 3 documents (re-indexing), 5 prompts and 20 memories.',
    );
    expect(report.existing).toBe('Already there: 2 conversations.');
    expect(report.notes).toEqual([]);
  });

  it('counts doubts and workspaces, and documents only partly re-indexing', () => {
    const report = describeImportResult({
      ...nothing,
      workspaces: { created: 1, existing: 2 },
      conversations: { created: 1, existing: 0 },
      messages: 2,
      doubts: 1,
      documents: { created: 2, reindexing: 1 },
    });
    expect(report.added).toBe(
      'Added 1 workspace, 1 conversation (2 messages, 1 doubt) and 2 documents (1 re-indexing).',
    );
    expect(report.existing).toBe('Already there: 2 workspaces.');
  });

  it('says so when a second import of the same file adds nothing', () => {
    const report = describeImportResult({
      ...nothing,
      workspaces: { created: 0, existing: 3 },
      conversations: { created: 0, existing: 12 },
      prompts: { created: 0, renamed: 0, existing: 5 },
      memory: { created: 0, skipped: 20 },
    });
    expect(report.added).toBe('Nothing new to add.');
    expect(report.existing).toBe(
      'Already there: 12 conversations, 5 prompts, 20 memories and 3 workspaces.',
    );
  });

  it('explains renamed prompts and a profile that changed', () => {
    const one = describeImportResult({
      ...nothing,
      prompts: { created: 1, renamed: 1, existing: 0 },
      profileUpdated: true,
    });
    expect(one.added).toBe('Added 1 prompt.');
    expect(one.existing).toBeNull();
    expect(one.notes).toEqual([
      'A prompt whose name was taken by a different prompt was added with a number after its name (like name_2).',
      'The file’s “About you” text was added to your profile.',
    ]);
    const two = describeImportResult({
      ...nothing,
      prompts: { created: 2, renamed: 2, existing: 0 },
    });
    expect(two.notes[0]).toMatch(/^2 prompts whose names were taken/);
  });
});
