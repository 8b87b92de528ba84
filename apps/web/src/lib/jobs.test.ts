import { describe, expect, it } from 'vitest';
import { applyJobEvent, type JobStreamState } from './jobs';

const start: JobStreamState = {
  phase: 'running',
  status: null,
  lastStatus: null,
  text: '',
  textByMessage: {},
  progress: null,
  error: null,
  messageIds: [],
};

describe('applyJobEvent', () => {
  it('accumulates untagged and per-message deltas separately', () => {
    let s = applyJobEvent(start, { type: 'status', text: 'Thinking…' });
    s = applyJobEvent(s, { type: 'delta', text: 'Hel' });
    s = applyJobEvent(s, { type: 'delta', text: 'lo' });
    s = applyJobEvent(s, { type: 'delta', messageId: 'a', text: 'A1' });
    s = applyJobEvent(s, { type: 'delta', messageId: 'b', text: 'B1' });
    s = applyJobEvent(s, { type: 'delta', messageId: 'a', text: 'A2' });
    expect(s).toMatchObject({
      text: 'Hello',
      textByMessage: { a: 'A1A2', b: 'B1' },
      status: 'Thinking…',
    });
  });

  it('ends in the right phase and keeps the text', () => {
    const partial = applyJobEvent(start, { type: 'delta', text: 'part' });
    expect(applyJobEvent(partial, { type: 'cancelled' })).toMatchObject({
      phase: 'cancelled',
      text: 'part',
    });
    expect(applyJobEvent(partial, { type: 'error', message: 'boom' })).toMatchObject({
      phase: 'error',
      error: 'boom',
      text: 'part',
    });
    expect(applyJobEvent(partial, { type: 'done', messageIds: ['m'] })).toMatchObject({
      phase: 'done',
      messageIds: ['m'],
    });
  });

  it('tracks progress', () => {
    expect(applyJobEvent(start, { type: 'progress', done: 3, total: 10 }).progress).toEqual({
      done: 3,
      total: 10,
    });
  });
});
