// POST /v1/chat/completions: scripted or echoed replies, as JSON or as an SSE stream.
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { approxTokens, errorBody, HttpError, sendError, sendJson, sleep } from './http.js';
import type { FakeChatMessage, FakeChatRequest, ScriptedReply } from './types.js';

const contentPartSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z.looseObject({ url: z.string() }).optional(),
});
const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z
    .array(
      z.looseObject({
        role: z.string(),
        content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
      }),
    )
    .min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

/** Validates a chat body loosely: only the fields the fake reads must be well-formed. */
export function parseChatRequest(body: unknown): FakeChatRequest {
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) {
    throw new HttpError(400, `Invalid chat completion request: ${result.error.message}`);
  }
  return result.data;
}

/** Text of a message; image and other non-text parts count as a placeholder. */
export function messageText(message: FakeChatMessage): string {
  const { content } = message;
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? `[${part.type}]`).join('\n');
}

/** Word chunks that keep the spacing, so joining them gives the text back. */
export function wordChunks(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The default responder: "Echo: <last user message>", streamed word by word. */
export function echoResponder(body: FakeChatRequest): ScriptedReply {
  const lastUser = body.messages.findLast((message) => message.role === 'user');
  return { content: `Echo: ${lastUser ? messageText(lastUser) : ''}` };
}

function replyChunks(reply: ScriptedReply): string[] {
  return reply.chunks ?? wordChunks(reply.content ?? '');
}

function usageFor(body: FakeChatRequest, content: string) {
  const prompt_tokens = approxTokens(body.messages.map(messageText).join('\n'));
  const completion_tokens = approxTokens(content);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Answers one chat request with `reply` (already chosen from the script or the responder). */
export async function handleChat(
  res: ServerResponse,
  body: FakeChatRequest,
  reply: ScriptedReply,
  signal: AbortSignal,
): Promise<void> {
  if (reply.status !== undefined) {
    if (!(await sleep(reply.delayMs, signal))) return;
    sendError(res, reply.status, reply.errorMessage);
    return;
  }
  if (body.stream === true) await streamReply(res, body, reply, signal);
  else await completeReply(res, body, reply, signal);
}

async function completeReply(
  res: ServerResponse,
  body: FakeChatRequest,
  reply: ScriptedReply,
  signal: AbortSignal,
): Promise<void> {
  const chunks = replyChunks(reply);
  // Same total time as the stream would take, so timing tests agree across modes.
  const total = (reply.delayMs ?? 0) + (reply.chunkDelayMs ?? 0) * Math.max(0, chunks.length - 1);
  if (!(await sleep(total, signal))) return;
  if (reply.failAfterChunks !== undefined) {
    res.destroy();
    return;
  }
  const content = chunks.join('');
  sendJson(res, 200, {
    id: `chatcmpl-fake-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: reply.finishReason ?? 'stop',
      },
    ],
    usage: usageFor(body, content),
  });
}

async function streamReply(
  res: ServerResponse,
  body: FakeChatRequest,
  reply: ScriptedReply,
  signal: AbortSignal,
): Promise<void> {
  const chunks = replyChunks(reply);
  const includeUsage = body.stream_options?.include_usage === true;
  const base = {
    id: `chatcmpl-fake-${randomUUID()}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };
  const send = (delta: object, finishReason: string | null = null): void => {
    const choice = { index: 0, delta, logprobs: null, finish_reason: finishReason };
    const usage = includeUsage ? { usage: null } : {};
    res.write(`data: ${JSON.stringify({ ...base, choices: [choice], ...usage })}\n\n`);
  };

  // Headers go out at once: a real provider answers 200 before the first token.
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  if (!(await sleep(reply.delayMs, signal))) return;
  send({ role: 'assistant', content: '', refusal: null });

  for (const [index, text] of chunks.entries()) {
    if (reply.failAfterChunks !== undefined && index >= reply.failAfterChunks) {
      failStream(res, reply);
      return;
    }
    if (index > 0 && !(await sleep(reply.chunkDelayMs, signal))) return;
    send({ content: text });
  }
  if (reply.failAfterChunks !== undefined) {
    failStream(res, reply);
    return;
  }
  if (signal.aborted) return;
  send({}, reply.finishReason ?? 'stop');
  if (includeUsage) {
    const usage = usageFor(body, chunks.join(''));
    res.write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

function failStream(res: ServerResponse, reply: ScriptedReply): void {
  const message = reply.errorMessage ?? 'Fake provider failed mid-stream';
  if (reply.failMode === 'error-event') {
    res.end(`data: ${JSON.stringify(errorBody(500, message))}\n\n`);
    return;
  }
  // The comment's write callback runs once the chunks before it are flushed, so the client
  // really receives them before the connection drops.
  res.write(': failing\n\n', () => res.destroy());
}
