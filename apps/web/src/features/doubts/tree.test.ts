import type { DoubtNode } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { countDoubts, findDoubt, hasStreaming } from './tree';

function node(id: string, children: DoubtNode[] = [], status: DoubtNode['status'] = 'complete') {
  const at = new Date(0);
  return {
    id,
    conversationId: 'c',
    messageId: 'm',
    parentId: null,
    question: id,
    answer: '',
    status,
    error: null,
    createdAt: at,
    updatedAt: at,
    children,
  } satisfies DoubtNode;
}

describe('doubt trees', () => {
  const forest = [node('a', [node('a1', [node('a11', [], 'streaming')]), node('a2')]), node('b')];

  it('counts every node', () => {
    expect(countDoubts(forest)).toBe(5);
    expect(countDoubts([])).toBe(0);
  });

  it('finds nested nodes and streaming ones', () => {
    expect(findDoubt(forest, 'a11')?.status).toBe('streaming');
    expect(findDoubt(forest, 'zz')).toBeUndefined();
    expect(hasStreaming(forest)).toBe(true);
    expect(hasStreaming([node('x')])).toBe(false);
  });
});
