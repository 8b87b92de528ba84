/**
 * `chat.send`: store the user message and one assistant placeholder per model in one
 * transaction, start the reply job, return the ids at once. The job streams every model in
 * parallel, writes each answer as it grows, and ends with exactly one terminal event.
 */
import { TRPCError } from '@trpc/server';
import type { ChatSendInput, ChatSendResult } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import type { JobContext } from '../jobs/registry.js';
import { appendMessages, deleteLastTurn } from '../messages.js';
import type { AppServices } from '../../trpc.js';
import { runAfterTurn } from './after-turn.js';
import { parseChatMessage } from './commands.js';
import { clearSuggestions, gatherReplyContext, lockTitle, type ReplyContext } from './context.js';
import { messageSink, StreamWriter } from './message-writer.js';
import { assemblePrompt } from './prompt.js';
import { streamInto } from './stream.js';

interface Answer {
  model: string;
  writer: StreamWriter;
}

/** Streams one model's answer into its writer; returns the error text if it failed. */
function streamAnswer(
  services: AppServices,
  job: JobContext,
  answer: Answer,
  context: ReplyContext,
): Promise<string | undefined> {
  const info = services.config.llm.models.find((m) => m.id === answer.model);
  const prompt = assemblePrompt({ ...context, contextWindow: info?.contextWindow ?? 128_000 });
  return streamInto({
    services,
    job,
    model: answer.model,
    messages: prompt.messages,
    writer: answer.writer,
    temperature: 0.3,
    tagDeltas: true,
  });
}

export async function sendMessage({
  services,
  userId,
  input,
}: {
  services: AppServices;
  userId: string;
  input: ChatSendInput;
}): Promise<ChatSendResult> {
  const { db, llm, jobs } = services;
  const options = input.options ?? {};
  const parsed = parseChatMessage(input.text);
  const persist = options.persist !== false && !parsed.temporary;
  const now = new Date();

  // Validate everything before the first write: a bad request changes nothing.
  const context = await gatherReplyContext({
    db,
    sources: services.contextSources,
    userId,
    conversationId: input.conversationId,
    parsed,
    options,
    now,
  });
  const wantsAnswer = parsed.text.length > 0;
  const models = wantsAnswer
    ? [...new Set(options.models ?? [llm.resolveModel('chat')])].map((m) =>
        llm.resolveModel('chat', m),
      )
    : [];
  jobs.assertCanStart({ kind: 'reply', userId, conversationId: input.conversationId });
  if (input.jobId !== undefined) jobs.assertIdFree(input.jobId);

  if (parsed.deletePreviousTurn)
    deleteLastTurn({ db, userId, conversationId: input.conversationId });
  if (parsed.title !== undefined)
    lockTitle({ db, userId, conversationId: input.conversationId, title: parsed.title });
  // Suggestions belong to the previous answer; the new one brings its own.
  if (persist && wantsAnswer)
    clearSuggestions({ db, userId, conversationId: input.conversationId });

  let userMessageId: string = randomUUID();
  let answers: Answer[] = models.map((model) => ({
    model,
    writer: new StreamWriter(randomUUID()),
  }));
  if (persist && wantsAnswer) {
    const rows = appendMessages({
      db,
      conversationId: input.conversationId,
      userId,
      now,
      messages: [
        { role: 'user', content: parsed.text },
        ...models.map((model) => ({
          role: 'assistant' as const,
          content: '',
          status: 'streaming' as const,
          model,
        })),
      ],
    });
    const [userRow, ...assistantRows] = rows;
    if (!userRow)
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Message was not stored.' });
    userMessageId = userRow.id;
    answers = assistantRows.map((row, i) => ({
      model: models[i] ?? '',
      writer: new StreamWriter(row.id, messageSink(db, row.id)),
    }));
  }

  const jobId = jobs.start({
    kind: 'reply',
    id: input.jobId,
    userId,
    conversationId: input.conversationId,
    exclusive: true,
    run: async (job) => {
      if (parsed.title !== undefined)
        job.emit({ type: 'status', text: `Title set to “${parsed.title}”.` });
      if (parsed.deletePreviousTurn) job.emit({ type: 'status', text: 'Previous turn deleted.' });
      if (answers.length === 0) return {};
      job.emit({
        type: 'status',
        text: answers.length > 1 ? `Asking ${answers.length} models…` : 'Thinking…',
      });
      const errors = await Promise.all(answers.map((a) => streamAnswer(services, job, a, context)));
      const failed = errors.filter((e): e is string => e !== undefined);
      if (failed.length === answers.length) throw new Error(failed[0] ?? 'The model failed.');
      const completed = answers.filter((_, i) => errors[i] === undefined);
      return {
        messageIds: answers.map((a) => a.writer.id),
        after:
          persist && completed[0]
            ? () =>
                runAfterTurn({
                  services,
                  userId,
                  conversationId: input.conversationId,
                  question: parsed.text,
                  answerMessageId: completed[0]?.writer.id ?? '',
                  answer: completed[0]?.writer.content ?? '',
                })
            : undefined,
      };
    },
  });
  return {
    userMessageId,
    assistantMessageIds: answers.map((a) => a.writer.id),
    jobId,
    persisted: persist && wantsAnswer,
  };
}
