/**
 * `chat.send`: store the user message and one assistant placeholder per model in one
 * transaction, start the reply job, return the ids at once. The job streams every model in
 * parallel, writes each answer as it grows, and ends with exactly one terminal event.
 */
import { TRPCError } from '@trpc/server';
import type { ChatSendInput, ChatSendResult } from '@margin/shared';
import { randomUUID } from 'node:crypto';
import { abortedByShutdown, type JobContext } from '../jobs/registry.js';
import { requireConversation } from '../conversations/core.js';
import { documentCommandText } from '../documents/context-source.js';
import { appendMessages, deleteLastTurn } from '../messages.js';
import { recordMemoryUses } from '../pkb/usage.js';
import type { AppServices } from '../../trpc.js';
import { runAfterTurn } from './after-turn.js';
import { parseChatMessage } from './commands.js';
import { clearSuggestions, gatherReplyContext, lockTitle, type ReplyContext } from './context.js';
import { assertModelsSeeImages, imageReferences, loadImages } from './images.js';
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

/** Largest delta a command answer is streamed in: a long document goes out in a few pieces. */
const COMMAND_DELTA_CHARS = 64 * 1024;

/**
 * Streams a ready-made answer (`#summary_doc_N`, `#full_doc_N`) through the writer as a few big
 * deltas, so it is stored and followers see it exactly like a model's answer.
 */
function streamText(job: JobContext, writer: StreamWriter, text: string): void {
  for (let start = 0; start < text.length;) {
    if (job.signal.aborted) {
      writer.finish(abortedByShutdown(job.signal) ? 'interrupted' : 'cancelled');
      throw job.signal.reason instanceof Error ? job.signal.reason : new Error('aborted');
    }
    let end = Math.min(text.length, start + COMMAND_DELTA_CHARS);
    // Never split a surrogate pair between two deltas.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    const piece = text.slice(start, end);
    writer.append(piece);
    job.emit({ type: 'delta', messageId: writer.id, text: piece });
    start = end;
  }
  writer.finish('complete');
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
  const command = parsed.documentCommand;
  let commandAnswer: string | undefined;
  let context: ReplyContext | undefined;
  if (command) {
    // `#summary_doc_N` / `#full_doc_N`: the stored text is the answer; no model is asked.
    requireConversation({ db, userId, id: input.conversationId });
    commandAnswer = documentCommandText({
      db,
      userId,
      conversationId: input.conversationId,
      command,
    });
  } else {
    context = await gatherReplyContext({
      db,
      sources: services.contextSources,
      userId,
      conversationId: input.conversationId,
      parsed,
      options,
      now,
    });
  }
  const wantsAnswer = parsed.text.length > 0;
  const models =
    wantsAnswer && !command
      ? [...new Set(options.models ?? [llm.resolveModel('chat')])].map((m) =>
          llm.resolveModel('chat', m),
        )
      : [];
  // Referenced images go to every chosen model, so each of them must be able to see them.
  const images = models.length > 0 ? imageReferences(context?.documents) : [];
  assertModelsSeeImages({ catalog: services.config.llm.models, models, images });
  jobs.assertCanStart({ kind: 'reply', userId, conversationId: input.conversationId });
  if (input.jobId !== undefined) jobs.assertIdFree(input.jobId);
  if (context && images.length > 0)
    context.images = await loadImages({ filesDir: services.config.documents.filesDir, images });

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
  let commandWriter = commandAnswer === undefined ? undefined : new StreamWriter(randomUUID());
  if (persist && wantsAnswer) {
    const rows = db.transaction(
      (tx) => {
        const appended = appendMessages({
          db: tx,
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
            ...(commandWriter
              ? [{ role: 'assistant' as const, content: '', status: 'streaming' as const }]
              : []),
          ],
        });
        // Each answer's placeholder is stored with the memories it is given.
        recordMemoryUses({
          db: tx,
          messageIds: appended.slice(1, 1 + models.length).map((m) => m.id),
          uses: context?.memoryUses ?? [],
        });
        return appended;
      },
      { behavior: 'immediate' },
    );
    const [userRow, ...assistantRows] = rows;
    if (!userRow)
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Message was not stored.' });
    userMessageId = userRow.id;
    answers = assistantRows.slice(0, models.length).map((row, i) => ({
      model: models[i] ?? '',
      writer: new StreamWriter(row.id, messageSink(db, row.id)),
    }));
    const commandRow = assistantRows[models.length];
    if (commandWriter && commandRow)
      commandWriter = new StreamWriter(commandRow.id, messageSink(db, commandRow.id));
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
      if (commandWriter && commandAnswer !== undefined) {
        streamText(job, commandWriter, commandAnswer);
        return { messageIds: [commandWriter.id] };
      }
      if (answers.length === 0 || !context) return {};
      // The provider requests go out first; the status line follows (no delta can beat it).
      const streams = answers.map((a) => streamAnswer(services, job, a, context));
      job.emit({
        type: 'status',
        text: answers.length > 1 ? `Asking ${answers.length} models…` : 'Thinking…',
      });
      const errors = await Promise.all(streams);
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
    assistantMessageIds: commandWriter ? [commandWriter.id] : answers.map((a) => a.writer.id),
    jobId,
    persisted: persist && wantsAnswer,
  };
}
