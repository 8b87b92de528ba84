import type { Message } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { answerGroups } from './answerGroups';

const at = new Date('2026-01-01T10:00:00Z');
const later = new Date('2026-01-01T10:05:00Z');

function msg(id: string, role: Message['role'], createdAt = at): Message {
  return {
    id,
    conversationId: 'c',
    role,
    content: id,
    hidden: false,
    position: 0,
    status: 'complete',
    model: null,
    tldr: null,
    error: null,
    versionCount: 1,
    createdAt,
    updatedAt: createdAt,
  };
}

describe('answerGroups', () => {
  it('groups the answers of one multi-model turn', () => {
    const list = [msg('u1', 'user'), msg('a', 'assistant'), msg('b', 'assistant')];
    const groups = answerGroups(list);
    expect(groups.heads.get(1)?.map((m) => m.id)).toEqual(['a', 'b']);
    expect([...groups.folded]).toEqual([2]);
  });

  it('leaves single answers and answers of different turns alone', () => {
    const list = [
      msg('u1', 'user'),
      msg('a', 'assistant'),
      msg('b', 'assistant', later),
      msg('u2', 'user', later),
      msg('c', 'assistant', later),
    ];
    const groups = answerGroups(list);
    expect(groups.heads.size).toBe(0);
    expect(groups.folded.size).toBe(0);
  });
});
