/**
 * After each answered turn, with the `fast` model: a title (unless the user locked it) and the
 * running summary in one call, next-question suggestions, a TL;DR for long answers, and (unless
 * the user turned it off) memories to suggest from the answer, stored as a plan the UI offers
 * for review. Runs after the job's `done` event; each step failing is logged and leaves the rest
 * alone.
 */
import { conversationQueries, messageQueries } from '@margin/db';
import type { AppServices } from '../../trpc.js';
import { requireConversation } from '../conversations/core.js';
import { proposeFromAnswer } from '../pkb/proposals.js';
import { getPkbSettings } from '../pkb/settings.js';
import { truncateToTokens } from './tokens.js';

const TLDR_MIN_WORDS = 1000;

function between(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'i').exec(text);
  const inner = match?.[1]?.trim();
  return inner === '' ? undefined : inner;
}

/** Parses `<title>`/`<summary>` tags; tolerant of models that ignore the format. */
export function parseTitleAndSummary(reply: string): { title?: string; summary?: string } {
  const title = between(reply, 'title')
    ?.replace(/^["'“]|["'”]$/g, '')
    .slice(0, 120);
  const summary = between(reply, 'summary');
  return { title, summary };
}

/** Up to four suggestions from `<suggestion>` tags, or else from list lines. */
export function parseSuggestions(reply: string): string[] {
  const tagged = [...reply.matchAll(/<suggestion>([\s\S]*?)<\/suggestion>/gi)].map((m) =>
    (m[1] ?? '').trim(),
  );
  const lines = tagged.length
    ? tagged
    : reply
        .split('\n')
        .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
        .filter((l) => l.endsWith('?'));
  return [...new Set(lines.filter((l) => l.length > 0 && l.length <= 300))].slice(0, 4);
}

export async function runAfterTurn({
  services,
  userId,
  conversationId,
  question,
  answerMessageId,
  answer,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  question: string;
  answerMessageId: string;
  answer: string;
}): Promise<void> {
  const { db, llm, logger } = services;
  if (!llm.hasRole('fast')) return;
  const model = llm.resolveModel('fast');
  const conversation = requireConversation({ db, userId, id: conversationId });
  const turn = `Question:\n${truncateToTokens(question, 2000)}\n\nAnswer:\n${truncateToTokens(answer, 6000)}`;
  const steps: Promise<void>[] = [];

  steps.push(
    llm
      .complete({
        model,
        temperature: 0.2,
        messages: [
          {
            role: 'system',
            content:
              'You maintain a conversation title and a running summary. Reply exactly as <title>…</title><summary>…</summary>. The title has at most 8 words. The summary (at most 200 words) merges the previous summary with what this turn added: facts, decisions, open questions.',
          },
          {
            role: 'user',
            content: `Previous summary:\n${conversation.summary || '(none)'}\n\n${turn}`,
          },
        ],
      })
      .then((reply) => {
        const { title, summary } = parseTitleAndSummary(reply);
        const current = requireConversation({ db, userId, id: conversationId });
        conversationQueries.updateConversation({
          db,
          id: conversationId,
          userId,
          changes: {
            ...(summary ? { summary } : {}),
            ...(title && !current.titleLocked ? { title } : {}),
          },
        });
      }),
  );

  steps.push(
    llm
      .complete({
        model,
        temperature: 0.4,
        messages: [
          {
            role: 'system',
            content:
              'Suggest the four most useful follow-up questions the user could ask next. Reply only with four <suggestion>…</suggestion> items, each a short question.',
          },
          { role: 'user', content: turn },
        ],
      })
      .then((reply) => {
        conversationQueries.updateConversation({
          db,
          id: conversationId,
          userId,
          changes: { suggestions: parseSuggestions(reply) },
        });
      }),
  );

  if (answer.split(/\s+/).length >= TLDR_MIN_WORDS) {
    steps.push(
      llm
        .complete({
          model,
          temperature: 0.2,
          messages: [
            { role: 'system', content: 'Write a TL;DR of this answer in at most three sentences.' },
            { role: 'user', content: truncateToTokens(answer, 8000) },
          ],
        })
        .then((tldr) => {
          if (tldr.trim())
            messageQueries.updateMessage({
              db,
              id: answerMessageId,
              changes: { tldr: tldr.trim() },
            });
        }),
    );
  }

  if (getPkbSettings({ db, userId }).autoPropose) {
    steps.push(
      proposeFromAnswer({
        services,
        userId,
        conversationId,
        messageId: answerMessageId,
        onlyWhenNew: true,
      }).then(() => undefined),
    );
  }

  const results = await Promise.allSettled(steps);
  for (const r of results) {
    if (r.status === 'rejected') {
      const err = r.reason as unknown;
      logger.warn({ err, conversationId }, 'after-turn step failed');
    }
  }
}
