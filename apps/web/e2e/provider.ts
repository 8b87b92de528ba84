/**
 * The fake OpenAI-compatible provider for browser tests that chat: one per test file, started
 * before the server that points at it, and helpers to read the requests it receives.
 */
import {
  startFakeOpenAI,
  type FakeChatRequest,
  type FakeOpenAI,
  type ScriptedReply,
} from '@margin/api/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, serverAndBrowserPerFile } from './harness';

/** The server settings for the fake provider: one chat model, which is also the fast one. */
export function fakeProviderEnv(fakeUrl: string): Record<string, string> {
  return {
    OPENAI_BASE_URL: fakeUrl,
    OPENAI_API_KEY: 'k',
    MODELS: JSON.stringify([{ id: 'fake-chat', label: 'Fake chat' }]),
    MODEL_CHAT: 'fake-chat',
    MODEL_FAST: 'fake-chat',
  };
}

export interface FakeProviderOptions {
  /** Answers the chat requests no test scripted (`fake.reset()` comes back to it). */
  respond: (body: FakeChatRequest) => ScriptedReply;
  /** Added to `fakeProviderEnv`; `undefined` leaves a setting out (e.g. `MODELS`). */
  env?: Record<string, string | undefined>;
}

/**
 * `serverAndBrowserPerFile` for chat: a fake OpenAI-compatible provider is started first and the
 * server points at it; all three stop after the file's tests.
 */
export function fakeProviderPerFile({ respond, env = {} }: FakeProviderOptions): () => {
  fake: FakeOpenAI;
  server: RunningServer;
  browser: Browser;
} {
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ respond });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const setup = serverAndBrowserPerFile(() => {
    if (!fake) throw new Error('the fake provider did not start');
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...fakeProviderEnv(fake.url), ...env })) {
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  });
  return () => {
    if (!fake) throw new Error('harness not started');
    return { fake, ...setup() };
  };
}

/** The text of the last user message (its parts as JSON when it is not plain text). */
export function lastUserText(body: FakeChatRequest): string {
  const last = body.messages.findLast((m) => m.role === 'user');
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

/** The system prompt: the first message when it is a plain-text system message, else ''. */
export function systemText(body: FakeChatRequest): string {
  const first = body.messages[0];
  return first?.role === 'system' && typeof first.content === 'string' ? first.content : '';
}
