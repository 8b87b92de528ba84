import type { Message } from '@margin/shared';
import { describe, expect, it } from 'vitest';
import { withEphemeralTurns } from './ephemeral';

const msg = (id: string): Message => ({
  id,
  conversationId: 'c',
  role: 'user',
  content: id,
  hidden: false,
  position: 0,
  status: 'complete',
  model: null,
  tldr: null,
  error: null,
  versionCount: 1,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('withEphemeralTurns', () => {
  it('places unsaved turns after the message they followed', () => {
    const stored = [msg('a'), msg('b'), msg('c')];
    const out = withEphemeralTurns(stored, [
      { afterId: 'b', messages: [msg('t1')] },
      { afterId: null, messages: [msg('t0')] },
      { afterId: 'deleted', messages: [msg('t2')] },
    ]);
    expect(out.map((m) => m.id)).toEqual(['t0', 'a', 'b', 't1', 'c', 't2']);
  });
});
