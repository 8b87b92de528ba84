/**
 * Live chat state outside React: the text of answers being streamed, the reply running in each
 * conversation and turns that are not saved. Components subscribe to one key each, so a delta
 * re-renders only the card that shows it, never the whole message list.
 */
import type { Message } from '@margin/shared';
import type { JobPhase } from '../../lib/jobs';

/** The streamed state of one assistant message. */
export interface LiveAnswer {
  text: string;
  phase: JobPhase;
  error: string | null;
}

/** The reply job running (or just finished) in a conversation. */
export interface ReplyRun {
  jobId: string;
  conversationId: string;
  /** Assistant message ids known for this reply (empty when resumed before the first delta). */
  messageIds: string[];
  phase: JobPhase;
  status: string | null;
  error: string | null;
  /** False for `/temp` and "don't save" turns. */
  persisted: boolean;
  /** A message made only of commands (`/title …`, `/delete`): no answer is written. */
  commandOnly: boolean;
}

/** A turn that was answered but not stored: shown until the page reloads. */
export interface EphemeralTurn {
  /** Shown after this stored message (null: at the start). */
  afterId: string | null;
  messages: Message[];
}

type Listener = () => void;

const answerKey = (id: string) => `answer:${id}`;
const runKey = (conversationId: string) => `run:${conversationId}`;
const ephemeralKey = (conversationId: string) => `ephemeral:${conversationId}`;
const scrollKey = (conversationId: string) => `scroll:${conversationId}`;

const EMPTY_TURNS: readonly EphemeralTurn[] = [];

class ChatStore {
  private readonly answers = new Map<string, LiveAnswer>();
  private readonly runs = new Map<string, ReplyRun>();
  private readonly ephemeral = new Map<string, readonly EphemeralTurn[]>();
  private readonly ephemeralIds = new Set<string>();
  private readonly scrollRequests = new Map<string, number>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Keys changed since the last animation frame (text deltas are coalesced per frame). */
  private readonly pending = new Set<string>();
  private frame: number | null = null;

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  private emitNow(key: string): void {
    for (const listener of this.listeners.get(key) ?? []) listener();
  }

  private emitSoon(key: string): void {
    this.pending.add(key);
    if (this.frame !== null) return;
    const flush = () => {
      this.frame = null;
      const keys = [...this.pending];
      this.pending.clear();
      for (const k of keys) this.emitNow(k);
    };
    this.frame =
      typeof requestAnimationFrame === 'function'
        ? requestAnimationFrame(flush)
        : (setTimeout(flush, 16) as unknown as number);
  }

  // --- answers -------------------------------------------------------------------------------

  answer(id: string): LiveAnswer | undefined {
    return this.answers.get(id);
  }

  setAnswer(id: string, next: LiveAnswer): void {
    const prev = this.answers.get(id);
    if (prev?.text === next.text && prev.phase === next.phase && prev.error === next.error) return;
    this.answers.set(id, next);
    // Growing text waits for the next frame; a phase change shows at once.
    if (prev?.phase === next.phase) this.emitSoon(answerKey(id));
    else this.emitNow(answerKey(id));
  }

  /** Forgets live text once the stored messages carry it (never for unsaved turns). */
  dropAnswers(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.ephemeralIds.has(id) || !this.answers.delete(id)) continue;
      this.emitNow(answerKey(id));
    }
  }

  // --- runs ----------------------------------------------------------------------------------

  run(conversationId: string): ReplyRun | undefined {
    return this.runs.get(conversationId);
  }

  setRun(conversationId: string, run: ReplyRun | undefined): void {
    if (this.runs.get(conversationId) === run) return;
    if (run) this.runs.set(conversationId, run);
    else this.runs.delete(conversationId);
    this.emitNow(runKey(conversationId));
  }

  updateRun(conversationId: string, jobId: string, changes: Partial<ReplyRun>): void {
    const run = this.runs.get(conversationId);
    if (run?.jobId !== jobId) return;
    const next = { ...run, ...changes };
    const same = (Object.keys(changes) as (keyof ReplyRun)[]).every((k) => run[k] === next[k]);
    if (!same) this.setRun(conversationId, next);
  }

  // --- unsaved turns -------------------------------------------------------------------------

  ephemeralTurns(conversationId: string): readonly EphemeralTurn[] {
    return this.ephemeral.get(conversationId) ?? EMPTY_TURNS;
  }

  isEphemeral(id: string): boolean {
    return this.ephemeralIds.has(id);
  }

  addEphemeralTurn(conversationId: string, turn: EphemeralTurn): void {
    for (const message of turn.messages) this.ephemeralIds.add(message.id);
    this.ephemeral.set(conversationId, [...this.ephemeralTurns(conversationId), turn]);
    this.emitNow(ephemeralKey(conversationId));
  }

  // --- scrolling -----------------------------------------------------------------------------

  scrollRequest(conversationId: string): number {
    return this.scrollRequests.get(conversationId) ?? 0;
  }

  /** Asks the message list to jump to the newest message (after the user sent one). */
  requestScrollToEnd(conversationId: string): void {
    this.scrollRequests.set(conversationId, this.scrollRequest(conversationId) + 1);
    this.emitNow(scrollKey(conversationId));
  }
}

export const chatStore = new ChatStore();
export const storeKeys = { answerKey, runKey, ephemeralKey, scrollKey };
