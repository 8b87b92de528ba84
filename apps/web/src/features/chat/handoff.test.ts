import { describe, expect, it } from 'vitest';
import {
  addressedConversation,
  ComposerHandoffs,
  conversationBeingOpened,
  HANDOFF_MAX_AGE_MS,
} from './handoff';

describe('addressedConversation', () => {
  it('reads the conversation of /c/:id and /c/:id/m/:messageId', () => {
    expect(addressedConversation('/c/abc-123')).toBe('abc-123');
    expect(addressedConversation('/c/abc-123/')).toBe('abc-123');
    expect(addressedConversation('/c/abc-123/m/msg-9')).toBe('abc-123');
    expect(addressedConversation('/c/a%20b')).toBe('a b');
  });

  it('is null for pages that are not a conversation', () => {
    for (const path of ['/', '/memory', '/prompts', '/c', '/c/', '/shared/tok', '/c/x/y']) {
      expect(addressedConversation(path), path).toBeNull();
    }
  });
});

describe('conversationBeingOpened', () => {
  it('is the other conversation while the address already shows it', () => {
    expect(conversationBeingOpened('old', '/c/new')).toBe('new');
  });

  it('is null while the address shows this conversation or no conversation', () => {
    expect(conversationBeingOpened('old', '/c/old')).toBeNull();
    expect(conversationBeingOpened('old', '/c/old/m/m1')).toBeNull();
    expect(conversationBeingOpened('old', '/memory')).toBeNull();
    expect(conversationBeingOpened('old', '/')).toBeNull();
  });
});

describe('ComposerHandoffs', () => {
  it('gives what was typed to that conversation once', () => {
    const handoffs = new ComposerHandoffs();
    handoffs.put('new', 'Hel', false, 1000);
    handoffs.put('new', 'Hello', true, 1010);
    expect(handoffs.take('other', 1020)).toBeUndefined();
    expect(handoffs.take('new', 1020)).toEqual({ text: 'Hello', send: true, at: 1010 });
    expect(handoffs.take('new', 1030)).toBeUndefined();
  });

  it('forgets text that was deleted again', () => {
    const handoffs = new ComposerHandoffs();
    handoffs.put('new', 'H', false, 1000);
    handoffs.put('new', '', false, 1001);
    expect(handoffs.take('new', 1002)).toBeUndefined();
  });

  it('does not act on a hand-over whose navigation never finished', () => {
    const handoffs = new ComposerHandoffs();
    handoffs.put('new', 'Hello', true, 1000);
    expect(handoffs.take('new', 1000 + HANDOFF_MAX_AGE_MS + 1)).toBeUndefined();
    handoffs.put('new', 'Hello', true, 1000);
    expect(handoffs.take('new', 1000 + HANDOFF_MAX_AGE_MS)).toMatchObject({ text: 'Hello' });
  });
});
