import type { Workspace } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { buildTree, flattenTree, pathTo, subtreeIds } from './tree';

function ws(id: string, parentId: string | null = null): Workspace {
  return {
    id,
    name: id,
    color: null,
    domain: 'assistant',
    parentId,
    expanded: true,
    isDefault: id === 'general',
    position: 0,
    conversationCount: 0,
    systemPrompt: null,
  };
}

const list = [
  ws('general'),
  ws('papers'),
  ws('2024', 'papers'),
  ws('q1', '2024'),
  ws('orphan', 'gone'),
];

describe('workspace tree', () => {
  it('nests by parentId, keeping order; orphans go to the top level', () => {
    const tree = buildTree(list);
    expect(tree.map((n) => n.workspace.id)).toEqual(['general', 'papers', 'orphan']);
    expect(flattenTree(tree).map((n) => [n.workspace.id, n.depth])).toEqual([
      ['general', 0],
      ['papers', 0],
      ['2024', 1],
      ['q1', 2],
      ['orphan', 0],
    ]);
  });

  it('cuts cycles instead of looping', () => {
    const cyclic = [ws('a', 'b'), ws('b', 'a'), ws('c')];
    expect(flattenTree(buildTree(cyclic)).map((n) => n.workspace.id)).toEqual(['c']);
    expect(pathTo(cyclic, 'a').map((w) => w.id)).toEqual(['a', 'b']);
  });

  it('finds a subtree and the path to the root', () => {
    expect([...subtreeIds(list, 'papers')].sort()).toEqual(['2024', 'papers', 'q1']);
    expect(pathTo(list, 'q1').map((w) => w.id)).toEqual(['q1', '2024', 'papers']);
  });
});
