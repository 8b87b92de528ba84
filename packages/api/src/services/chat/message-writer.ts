/**
 * Writes streaming text to its row as it grows: batched (every ~250 ms or ~1 KB) so a long
 * answer costs a handful of writes, and always in full at the end. A crash therefore loses at
 * most the last fraction of a second, and the row says how the text ended.
 */
import { doubtQueries, messageQueries, type Db } from '@margin/db';
import type { MessageStatus } from '@margin/shared';

const FLUSH_INTERVAL_MS = 250;
const FLUSH_BYTES = 1024;

/** Where the text lives: a message's content or a doubt's answer. */
export interface TextSink {
  write(text: string): void;
  finish(text: string, status: MessageStatus, error: string | null): void;
}

export function messageSink(db: Db, id: string): TextSink {
  return {
    write: (content) => messageQueries.writeMessageText({ db, id, content }),
    finish: (content, status, error) =>
      messageQueries.writeMessageText({ db, id, content, end: { status, error } }),
  };
}

export function doubtSink(db: Db, id: string): TextSink {
  return {
    write: (answer) => doubtQueries.updateDoubt({ db, id, changes: { answer } }),
    finish: (answer, status, error) =>
      doubtQueries.updateDoubt({ db, id, changes: { answer, status, error } }),
  };
}

export class StreamWriter {
  private text = '';
  private pendingBytes = 0;
  private lastFlush = Date.now();

  /** `sink` undefined: nothing is stored (temporary chats, quick actions). */
  constructor(
    readonly id: string,
    private readonly sink?: TextSink,
  ) {}

  get content(): string {
    return this.text;
  }

  append(delta: string): void {
    this.text += delta;
    this.pendingBytes += delta.length;
    if (this.pendingBytes >= FLUSH_BYTES || Date.now() - this.lastFlush >= FLUSH_INTERVAL_MS) {
      this.pendingBytes = 0;
      this.lastFlush = Date.now();
      this.sink?.write(this.text);
    }
  }

  /** Final write: full text and how it ended. Never throws (the job must still end). */
  finish(status: MessageStatus, error?: string): void {
    try {
      this.sink?.finish(this.text, status, error ?? null);
    } catch {
      // The database can be gone during shutdown; start-up marks the row interrupted then.
    }
  }
}
