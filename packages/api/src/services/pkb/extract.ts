/**
 * Candidate memories from a chat turn or pasted notes, with the `fast` model. The model answers
 * with a JSON array; the parser tolerates code fences and prose around it, checks every item
 * against the shared enums and drops what does not fit, so a sloppy reply costs items, never
 * the request. Pasted notes fall back to the rule-based parser when the model fails.
 */
import {
  CLAIM_DOMAINS,
  CLAIM_TYPES,
  PKB_LIMITS,
  type ClaimDomain,
  type ClaimType,
} from '@margin/shared';
import type { LlmService } from '../llm/client.js';
import type { Logger } from '../logger.js';
import { truncateToTokens } from '../chat/tokens.js';
import { parseNotes, type Candidate } from './ingest-parser.js';

/** Confidence of a model-extracted item that gives none. */
export const DEFAULT_CONFIDENCE = 0.8;
/** Pasted text sent to the model per call; longer text is cut into chunks at line breaks. */
export const INGEST_CHUNK_CHARS = 15_000;
const MIN_STATEMENT_CHARS = 3;

const ITEM_FORMAT = `Each item is {"statement": string, "type": one of ${CLAIM_TYPES.join('|')}, "domain": one of ${CLAIM_DOMAINS.join('|')}, "confidence": number from 0 to 1}.`;

const TURN_INSTRUCTIONS = `You find things worth remembering about the USER in one chat turn, for their personal memory. Reply with a JSON array only. ${ITEM_FORMAT}
Include only lasting things about the user themselves: their preferences, facts about their life, decisions, plans and tasks, reminders, habits, and what they noticed about themselves. Write each statement in the first person ("I prefer…"), self-contained, one fact per item.
Never include general knowledge, facts about the topic discussed, or the assistant's advice unless the user adopted it. When there is nothing about the user, reply [].`;

const NOTES_INSTRUCTIONS = `You turn notes a person wrote about themselves into atomic memories for their personal memory. Reply with a JSON array only. ${ITEM_FORMAT}
Split compound sentences into single facts, keep the person's meaning, write in the first person, fix obvious typos, and drop headings and filler. When nothing is worth keeping, reply [].`;

/** The first JSON array in a reply (fenced or wrapped in prose), or undefined when there is none. */
export function findJsonArray(reply: string): unknown[] | undefined {
  const text = reply.replace(/```[a-z]*\s*/gi, '').trim();
  const attempts = [text];
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (start >= 0 && end > start) attempts.push(text.slice(start, end + 1));
  for (const attempt of attempts) {
    let value: unknown;
    try {
      value = JSON.parse(attempt);
    } catch {
      continue;
    }
    if (Array.isArray(value)) return value as unknown[];
    // `{"memories": [...]}`: some models wrap the array in an object.
    if (typeof value === 'object' && value !== null) {
      const inner = Object.values(value).find(Array.isArray);
      if (inner) return inner as unknown[];
    }
  }
  return undefined;
}

function field(item: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (item[name] !== undefined) return item[name];
  return undefined;
}

function oneOf<T extends string>(values: readonly T[], raw: unknown): T | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return values.find((v) => v === value);
}

/**
 * The valid candidates in a model reply: undefined when the reply holds no JSON array at all.
 * An item with an unknown type or domain is dropped; a missing one takes the default.
 */
export function parseCandidates(
  reply: string,
  defaults: { domain: ClaimDomain; type?: ClaimType },
): Candidate[] | undefined {
  const items = findJsonArray(reply);
  if (!items) return undefined;
  const out: Candidate[] = [];
  for (const raw of items) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    const item = raw as Record<string, unknown>;
    const statementRaw = field(item, 'statement', 'text', 'fact');
    const statement = typeof statementRaw === 'string' ? statementRaw.trim() : '';
    if (statement.length < MIN_STATEMENT_CHARS || statement.length > PKB_LIMITS.statementMax)
      continue;
    const typeRaw = field(item, 'type', 'claim_type');
    const type = typeRaw === undefined ? (defaults.type ?? 'fact') : oneOf(CLAIM_TYPES, typeRaw);
    const domainRaw = field(item, 'domain', 'context_domain');
    const domain = domainRaw === undefined ? defaults.domain : oneOf(CLAIM_DOMAINS, domainRaw);
    if (!type || !domain) continue;
    const c = Number(field(item, 'confidence'));
    const confidence = Number.isFinite(c) && c >= 0 && c <= 1 ? c : DEFAULT_CONFIDENCE;
    out.push({ statement, type, domain, confidence });
  }
  return out;
}

/** Candidates about the user from one question and answer (the `fast` model must be set). */
export async function extractFromTurn({
  llm,
  summary,
  question,
  answer,
}: {
  llm: LlmService;
  summary: string;
  question: string;
  answer: string;
}): Promise<Candidate[]> {
  const reply = await llm.complete({
    model: llm.resolveModel('fast'),
    temperature: 0.1,
    messages: [
      { role: 'system', content: TURN_INSTRUCTIONS },
      {
        role: 'user',
        content: `Conversation summary so far:\n${truncateToTokens(summary, 1000, 'end') || '(none)'}\n\nThe user's message:\n${truncateToTokens(question, 2000)}\n\nThe assistant's answer:\n${truncateToTokens(answer, 4000)}`,
      },
    ],
  });
  return (parseCandidates(reply, { domain: 'personal' }) ?? []).slice(0, PKB_LIMITS.proposalsMax);
}

/** Pieces of at most `max` characters, cut at line ends (a longer line at a space). */
export function chunkText(text: string, max = INGEST_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) chunks.push(current);
    current = '';
  };
  for (let piece of text.split(/(?<=\n)/)) {
    while (piece.length > max) {
      flush();
      const space = piece.lastIndexOf(' ', max);
      const cut = space > max / 2 ? space + 1 : max;
      chunks.push(piece.slice(0, cut));
      piece = piece.slice(cut);
    }
    if (current.length + piece.length > max) flush();
    current += piece;
  }
  flush();
  return chunks;
}

/**
 * Candidates from pasted notes with the `fast` model, chunk by chunk; a chunk the model fails
 * on (an error or no JSON array) goes through the rule-based parser instead.
 */
export async function extractFromNotes({
  llm,
  logger,
  text,
  domain,
}: {
  llm: LlmService;
  logger: Logger;
  text: string;
  domain: ClaimDomain;
}): Promise<Candidate[]> {
  const model = llm.resolveModel('fast');
  const perChunk = await Promise.all(
    chunkText(text).map(async (chunk) => {
      try {
        const reply = await llm.complete({
          model,
          temperature: 0.1,
          messages: [
            { role: 'system', content: NOTES_INSTRUCTIONS },
            { role: 'user', content: `Default domain: ${domain}\n\nNotes:\n${chunk}` },
          ],
        });
        const parsed = parseCandidates(reply, { domain });
        if (parsed) return parsed;
        logger.warn({ chars: chunk.length }, 'pkb ingest: no JSON array in the model reply');
      } catch (err) {
        logger.warn({ err }, 'pkb ingest: model call failed, using the rule-based parser');
      }
      return parseNotes(chunk, domain);
    }),
  );
  return perChunk.flat();
}
