import type { DoubtNode } from '@margin/shared';

/** Number of doubts in a forest (every node, at any depth). */
export function countDoubts(nodes: readonly DoubtNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countDoubts(node.children), 0);
}

/** True when a node of the forest is still being answered. */
export function hasStreaming(nodes: readonly DoubtNode[]): boolean {
  return nodes.some((node) => node.status === 'streaming' || hasStreaming(node.children));
}

/** The node with `id`, searched depth first. */
export function findDoubt(nodes: readonly DoubtNode[], id: string): DoubtNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findDoubt(node.children, id);
    if (found) return found;
  }
  return undefined;
}
