/**
 * Where retrieved context comes from. Documents and the personal knowledge base (memory) are
 * separate features plugged in here by `createAppServices`: documents are served by
 * `services/documents/context-source.ts` (`#doc_N`, `#doc_all`, composer selections, automatic
 * retrieval); memories by `services/pkb/context-source.ts` (`@memory:<id>`, attached and pinned
 * claims, automatic recall).
 */
import type { RecallWhy } from '@margin/shared';
import type { ContextBlock } from './prompt.js';

export interface DocumentContextRequest {
  userId: string;
  conversationId: string;
  query: string;
  documentIds: string[];
  /** `#doc_N` / `#doc_all` references found in the message. */
  references: string[];
}

/**
 * An image document the message refers to. Its block carries this instead of text; `chat.send`
 * checks the chosen models can see images and reads the file for them (`images.ts`).
 */
export interface ImageReference {
  documentId: string;
  /** N in `#doc_N`. */
  ordinal: number;
  title: string;
  mimeType: string;
  storageKey: string;
}

export interface MemoryContextRequest {
  userId: string;
  conversationId: string;
  query: string;
  /** `@memory:<id>` references found in the message, in order. */
  referencedIds: string[];
  /** Claims attached in the composer ("use in the next message"). */
  attachedIds: string[];
  /** The conversation's running summary: recall looks for what fits the conversation too. */
  summary?: string | undefined;
}

/** A claim given to the model, and how it got in: stored per answer (`message_claim_uses`). */
export interface MemoryUse {
  claimId: string;
  why: RecallWhy & { via: NonNullable<RecallWhy['via']> };
}

export interface MemoryContext {
  blocks: ContextBlock[];
  /** The claims in `blocks`, in the order they appear. */
  uses: MemoryUse[];
}

export interface ContextSources {
  documents: (request: DocumentContextRequest) => Promise<ContextBlock[]>;
  memories: (request: MemoryContextRequest) => Promise<MemoryContext>;
}

/** Finds `#doc_N` and `#doc_all` references in a message. */
export function documentReferences(text: string): string[] {
  return [...new Set([...text.matchAll(/#(?:doc_\d{1,4}|doc_all|all_docs?)\b/g)].map((m) => m[0]))];
}
