/**
 * Prompt assembly: turns everything a reply may draw on into chat messages within the model's
 * context window. Each part has a budget; trimming is deterministic (history loses its oldest
 * messages first, text parts are cut at the end) and reported, so tests and the UI can see what
 * was left out.
 */
import type { ChatMessage, ContentPart } from '../llm/client.js';
import type { ImageReference } from './context-sources.js';
import { contentTokens, countTokens, IMAGE_TOKENS, truncateToTokens } from './tokens.js';

export type DetailLevel = 1 | 2 | 3 | 4;

/** A block of retrieved context (documents, memories): a heading and its text. */
export interface ContextBlock {
  label: string;
  text: string;
  /** Set on the block of an image document: the picture itself goes to vision models. */
  image?: ImageReference;
}

/** An image sent with the question, as a URL the provider accepts (a `data:` URL). */
export interface PromptImage {
  url: string;
}

export interface PromptInputs {
  now: Date;
  query: string;
  /** Model context window in tokens. */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  answerReserve?: number;
  workspaceSystemPrompt?: string;
  /** Composed prompt-library fragments chosen for this message. */
  promptFragments?: { name: string; content: string }[];
  profile?: { memory: string; preferences: string };
  instructions?: string;
  detail?: DetailLevel;
  summary?: string;
  memoryPad?: string;
  /** Earlier messages, oldest first, already chosen by the history mode. */
  history: ChatMessage[];
  documents?: ContextBlock[];
  memories?: ContextBlock[];
  /** Images for the question (vision models only), in the order the document blocks name them. */
  images?: PromptImage[];
}

export interface PartReport {
  tokens: number;
  truncated: boolean;
}

export interface AssembledPrompt {
  messages: ChatMessage[];
  report: {
    system: PartReport;
    summary: PartReport;
    memoryPad: PartReport;
    documents: PartReport;
    memories: PartReport;
    history: PartReport & { kept: number; dropped: number };
    query: PartReport;
    /** Images are never cut: each costs a fixed {@link IMAGE_TOKENS}. */
    images: { count: number; tokens: number };
    total: number;
  };
}

const DETAIL_GUIDANCE: Record<DetailLevel, string> = {
  1: 'Answer briefly: a few sentences or a short list, no preamble.',
  2: 'Answer clearly and to the point, with the detail the question needs.',
  3: 'Answer in depth: explain the reasoning, give examples, and cover edge cases.',
  4: 'Answer exhaustively: a thorough, well-structured treatment with derivations, examples, trade-offs and pitfalls.',
};

/** Fractions of the prompt budget each part may use at most. History takes what is left. */
const SHARES = {
  system: 0.15,
  summary: 0.06,
  memoryPad: 0.08,
  documents: 0.35,
  memories: 0.08,
  query: 0.2,
} as const;

function part(
  text: string,
  budget: number,
  keep: 'start' | 'end' = 'start',
): { text: string; report: PartReport } {
  const cut = truncateToTokens(text, budget, keep);
  return { text: cut, report: { tokens: cut ? countTokens(cut) : 0, truncated: cut !== text } };
}

function section(title: string, body: string): string {
  return body.trim() ? `## ${title}\n${body.trim()}` : '';
}

/** Below this many tokens of room, a block that does not fit whole is dropped, not cut. */
const MIN_BLOCK_TOKENS = 48;

/**
 * Context blocks within `budget` tokens. Blocks come in priority order, so whole blocks are kept
 * in order; the first that does not fit is cut at its end (when a useful part fits) and the rest
 * are left out. A block is never split across another, so every kept heading labels its text.
 */
function fitBlocks(
  items: ContextBlock[] | undefined,
  budget: number,
): { text: string; report: PartReport } {
  const rendered = (items ?? []).map((b) => `### ${b.label}\n${b.text.trim()}`);
  const kept: string[] = [];
  let used = 0;
  let truncated = false;
  for (const block of rendered) {
    const separator = kept.length > 0 ? 2 : 0;
    const cost = countTokens(block) + separator;
    if (used + cost <= budget) {
      kept.push(block);
      used += cost;
      continue;
    }
    truncated = true;
    const room = budget - used - separator;
    if (room >= MIN_BLOCK_TOKENS) kept.push(truncateToTokens(block, room));
    break;
  }
  // Token counts of parts and of their join can differ by a token at a seam: check the whole.
  const whole = part(kept.join('\n\n'), budget);
  return {
    text: whole.text,
    report: { tokens: whole.report.tokens, truncated: truncated || whole.report.truncated },
  };
}

/**
 * How to cite documents. The UI turns `[#doc_N p.X]` into a link to page X of the viewer, so the
 * format is exact.
 */
export const CITATION_INSTRUCTION =
  'Answer from the documents below where they are relevant. Cite every statement drawn from them inline, right after it, exactly as [#doc_N p.X] — the document number from the block heading and the page from its [p.X] marker, e.g. [#doc_2 p.3]; for several pages cite each, e.g. [#doc_2 p.3] [#doc_2 p.4]. Cite only documents and pages shown below; if they do not contain the answer, say so.';

function systemText(inputs: PromptInputs): string {
  const date = inputs.now.toISOString().slice(0, 10);
  const parts = [
    `You are Margin, a careful assistant for study, research and preparation. Today is ${date}. Use Markdown; write math in LaTeX with $…$ or $$…$$.`,
    DETAIL_GUIDANCE[inputs.detail ?? 2],
    section('Workspace instructions', inputs.workspaceSystemPrompt ?? ''),
    ...(inputs.promptFragments ?? []).map((f) => section(`Prompt: ${f.name}`, f.content)),
    section('What you know about the user', inputs.profile?.memory ?? ''),
    section('How the user wants answers', inputs.profile?.preferences ?? ''),
    section('Standing instructions from the user', inputs.instructions ?? ''),
  ];
  return parts.filter(Boolean).join('\n\n');
}

export function assemblePrompt(inputs: PromptInputs): AssembledPrompt {
  const reserve = inputs.answerReserve ?? Math.min(4096, Math.floor(inputs.contextWindow / 4));
  const budget = Math.max(256, inputs.contextWindow - reserve);
  const share = (k: keyof typeof SHARES) => Math.floor(budget * SHARES[k]);

  const system = part(systemText(inputs), share('system'));
  const summary = part(inputs.summary ?? '', share('summary'), 'end');
  const memoryPad = part(inputs.memoryPad ?? '', share('memoryPad'), 'end');
  // The citation instruction travels with the documents and is paid from their share.
  const hasDocuments = (inputs.documents ?? []).length > 0;
  const documentsIntro = hasDocuments ? CITATION_INSTRUCTION : '';
  const documents = fitBlocks(
    inputs.documents,
    share('documents') - (hasDocuments ? countTokens(documentsIntro) + 2 : 0),
  );
  const memories = fitBlocks(inputs.memories, share('memories'));
  const query = part(inputs.query, share('query'));

  const contextText = [
    section('Summary of the conversation so far', summary.text),
    section('Memory pad (notes for this conversation)', memoryPad.text),
    section('Relevant memories about the user', memories.text),
    section('Documents', documents.text ? `${documentsIntro}\n\n${documents.text}` : ''),
  ]
    .filter(Boolean)
    .join('\n\n');
  const contextTokens = contextText ? countTokens(contextText) : 0;
  const images = inputs.images ?? [];
  const imageTokens = images.length * IMAGE_TOKENS;

  // History: newest messages first until the remaining budget is spent; whole messages only.
  let remaining = budget - system.report.tokens - contextTokens - query.report.tokens - imageTokens;
  const kept: ChatMessage[] = [];
  let historyTokens = 0;
  for (let i = inputs.history.length - 1; i >= 0; i--) {
    const message = inputs.history[i];
    if (!message) continue;
    const cost = contentTokens(message.content) + 4;
    if (cost > remaining) break;
    remaining -= cost;
    historyTokens += cost;
    kept.unshift(message);
  }

  const userText = contextText ? `${contextText}\n\n## Question\n${query.text}` : query.text;
  // Text first, then the pictures: the document blocks above say which image is which.
  const userContent: string | ContentPart[] =
    images.length === 0
      ? userText
      : [
          { type: 'text', text: userText },
          ...images.map((i): ContentPart => ({ type: 'image_url', image_url: { url: i.url } })),
        ];
  const messages: ChatMessage[] = [
    { role: 'system', content: system.text },
    ...kept,
    { role: 'user', content: userContent },
  ];
  return {
    messages,
    report: {
      system: system.report,
      summary: summary.report,
      memoryPad: memoryPad.report,
      documents: documents.report,
      memories: memories.report,
      history: {
        tokens: historyTokens,
        truncated: kept.length < inputs.history.length,
        kept: kept.length,
        dropped: inputs.history.length - kept.length,
      },
      query: query.report,
      images: { count: images.length, tokens: imageTokens },
      total:
        system.report.tokens + contextTokens + historyTokens + query.report.tokens + imageTokens,
    },
  };
}
