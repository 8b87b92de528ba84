/**
 * Doubts: threaded questions about one message. Each answer streams as a job into its row; the
 * prompt sees the conversation summary, the thread so far and the message's neighbourhood.
 */
import { TRPCError } from '@trpc/server';
import { doubtQueries, type DoubtRow, type Executor } from '@margin/db';
import type { Doubt, DoubtNode } from '@margin/shared';
import type { AppServices } from '../trpc.js';
import { doubtSink, StreamWriter } from './chat/message-writer.js';
import { streamInto } from './chat/stream.js';
import { truncateToTokens } from './chat/tokens.js';
import { requireConversation } from './conversations/core.js';
import { messageWindowText, requireMessageIn } from './message-context.js';

export const DEFAULT_DOUBT_QUESTION = 'Please explain this message in more detail.';
const MAX_THREAD_DEPTH = 100;

const doubtNotFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'Doubt not found.' });

export function toDoubt(row: DoubtRow): Doubt {
  return {
    id: row.id,
    conversationId: row.conversationId,
    messageId: row.messageId,
    parentId: row.parentId,
    question: row.question,
    answer: row.answer,
    status: row.status,
    error: row.error,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function requireDoubt(db: Executor, id: string, userId: string): DoubtRow {
  const row = doubtQueries.findOwnedDoubt({ db, id, userId });
  if (!row) throw doubtNotFound();
  return row;
}

/** Root first, down to (not including) `row`. */
function ancestorsOf(db: Executor, row: DoubtRow, userId: string): DoubtRow[] {
  const chain: DoubtRow[] = [];
  let parentId = row.parentId;
  while (parentId && chain.length < MAX_THREAD_DEPTH) {
    const parent = doubtQueries.findOwnedDoubt({ db, id: parentId, userId });
    if (!parent) break;
    chain.unshift(parent);
    parentId = parent.parentId;
  }
  return chain;
}

/** The parent a follow-up continues; it must be on the same message. */
function requireParent(
  db: Executor,
  userId: string,
  parentId: string,
  messageId: string,
): DoubtRow {
  const parent = requireDoubt(db, parentId, userId);
  if (parent.messageId !== messageId) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A follow-up must stay on the same message as its thread.',
    });
  }
  return parent;
}

export function askDoubt({
  services,
  userId,
  conversationId,
  messageId,
  question,
  parentId,
}: {
  services: AppServices;
  userId: string;
  conversationId: string;
  messageId: string;
  question?: string | undefined;
  parentId?: string | undefined;
}): { doubtId: string; jobId: string } {
  const { db, llm, jobs } = services;
  const conversation = requireConversation({ db, userId, id: conversationId });
  const target = requireMessageIn({ db, userId, conversationId, messageId });
  const parent = parentId ? requireParent(db, userId, parentId, messageId) : undefined;
  const model = llm.resolveModel('chat');
  jobs.assertCanStart({ kind: 'doubt', userId, conversationId });
  const asked = question?.trim() ? question.trim() : DEFAULT_DOUBT_QUESTION;
  const thread = parent ? [...ancestorsOf(db, parent, userId), parent] : [];

  const context = [
    conversation.summary
      ? `## Conversation summary\n${truncateToTokens(conversation.summary, 1500)}`
      : '',
    thread.length
      ? `## Earlier questions in this thread\n${thread
          .map((d, i) => `Q${i + 1}: ${d.question}\nA${i + 1}: ${truncateToTokens(d.answer, 1500)}`)
          .join('\n\n')}`
      : '',
    `## Messages around the one in question\n${messageWindowText({ db, target, marker: '[THE MESSAGE IN QUESTION]' })}`,
  ]
    .filter(Boolean)
    .join('\n\n');

  const row = doubtQueries.insertDoubt({
    db,
    doubt: {
      conversationId,
      messageId,
      userId,
      parentId: parent?.id ?? null,
      question: asked,
      status: 'streaming',
    },
  });
  const jobId = jobs.start({
    kind: 'doubt',
    userId,
    conversationId,
    exclusive: true,
    run: async (job) => {
      job.emit({ type: 'status', text: 'Reading the message…' });
      const error = await streamInto({
        services,
        job,
        model,
        temperature: 0.3,
        tagDeltas: false,
        writer: new StreamWriter(row.id, doubtSink(db, row.id)),
        messages: [
          {
            role: 'system',
            content:
              'You clear up doubts about one message of a conversation. Answer the question directly first, then add the detail, intuition and an example if they help. Point out common misconceptions. Use Markdown; LaTeX math with $…$.',
          },
          { role: 'user', content: `${context}\n\n## The question\n${asked}` },
        ],
      });
      if (error) throw new Error(error);
      return {};
    },
  });
  return { doubtId: row.id, jobId };
}

/** Stores a finished exchange (a quick-action answer the user keeps) as a doubt. */
export function saveDoubt({
  db,
  userId,
  conversationId,
  messageId,
  question,
  answer,
  parentId,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  messageId: string;
  question: string;
  answer: string;
  parentId?: string | undefined;
}): Doubt {
  requireConversation({ db, userId, id: conversationId });
  requireMessageIn({ db, userId, conversationId, messageId });
  const parent = parentId ? requireParent(db, userId, parentId, messageId) : undefined;
  return toDoubt(
    doubtQueries.insertDoubt({
      db,
      doubt: {
        conversationId,
        messageId,
        userId,
        parentId: parent?.id ?? null,
        question,
        answer,
        status: 'complete',
      },
    }),
  );
}

/** Threads of one message: roots newest first, each node's children oldest first. */
export function listDoubtTree({
  db,
  userId,
  conversationId,
  messageId,
}: {
  db: Executor;
  userId: string;
  conversationId: string;
  messageId: string;
}): DoubtNode[] {
  requireConversation({ db, userId, id: conversationId });
  requireMessageIn({ db, userId, conversationId, messageId });
  const rows = doubtQueries.listMessageDoubts({ db, conversationId, messageId, userId });
  const nodes = new Map(rows.map((r) => [r.id, { ...toDoubt(r), children: [] as DoubtNode[] }]));
  const roots: DoubtNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots.reverse();
}

export function getDoubt({ db, userId, id }: { db: Executor; userId: string; id: string }): {
  doubt: Doubt;
  ancestors: Doubt[];
} {
  const row = requireDoubt(db, id, userId);
  return { doubt: toDoubt(row), ancestors: ancestorsOf(db, row, userId).map(toDoubt) };
}

/** Deletes a doubt and its whole subtree; refused while an answer in it is still streaming. */
export function deleteDoubt({ db, userId, id }: { db: Executor; userId: string; id: string }): {
  deletedIds: string[];
} {
  requireDoubt(db, id, userId);
  const ids = doubtQueries.listSubtreeIds({ db, id });
  const streaming = ids.some(
    (d) => doubtQueries.findOwnedDoubt({ db, id: d, userId })?.status === 'streaming',
  );
  if (streaming) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'An answer in this thread is still being written. Stop it first.',
    });
  }
  doubtQueries.deleteDoubt({ db, id });
  return { deletedIds: ids };
}
