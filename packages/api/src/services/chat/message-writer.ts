/**
 * Writes a streaming answer to its message row as it grows: batched (every ~250 ms or ~1 KB) so
 * a long answer costs a handful of writes, and always in full at the end. A crash therefore loses
 * at most the last fraction of a second, and the row says how the answer ended.
 */
import { messageQueries, type Db } from '@margin/db';
import type { MessageStatus } from '@margin/shared';

const FLUSH_INTERVAL_MS = 250;
const FLUSH_BYTES = 1024;

export class MessageWriter {
  private text = '';
  private pendingBytes = 0;
  private lastFlush = Date.now();

  constructor(
    private readonly db: Db | undefined,
    readonly messageId: string,
  ) {}

  get content(): string {
    return this.text;
  }

  append(delta: string): void {
    this.text += delta;
    this.pendingBytes += delta.length;
    if (this.pendingBytes >= FLUSH_BYTES || Date.now() - this.lastFlush >= FLUSH_INTERVAL_MS)
      this.flush();
  }

  private flush(): void {
    this.pendingBytes = 0;
    this.lastFlush = Date.now();
    if (this.db)
      messageQueries.updateMessage({
        db: this.db,
        id: this.messageId,
        changes: { content: this.text },
      });
  }

  /** Final write: full text and how it ended. Never throws (the job must still end). */
  finish(status: MessageStatus, error?: string): void {
    if (!this.db) return;
    try {
      messageQueries.updateMessage({
        db: this.db,
        id: this.messageId,
        changes: { content: this.text, status, error: error ?? null },
      });
    } catch {
      // The database can be gone during shutdown; start-up marks the row interrupted then.
    }
  }
}
