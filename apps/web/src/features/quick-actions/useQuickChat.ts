import { DOUBT_LIMITS, type LlmAction } from '@margin/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getErrorMessage } from '../../lib/errors';
import { useJobStream, type JobPhase } from '../../lib/jobs';
import { trpc } from '../../lib/trpc';
import type { QuickActionRequest } from '../doubts/toolsContext';
import { ACTION_META, savedQuestion } from './actions';

export interface QuickTurn {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  /** What the first question was (a preset action or "ask"). */
  action?: LlmAction;
  phase?: Exclude<JobPhase, 'idle'>;
  error?: string;
}

/**
 * A temporary side chat about a selection: each turn is one `llmActions.run` job (follow-ups send
 * the chat so far as history). Nothing is stored unless saved as a doubt thread.
 */
export function useQuickChat(conversationId: string, request: QuickActionRequest) {
  const utils = trpc.useUtils();
  const [turns, setTurns] = useState<QuickTurn[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [withContext, setWithContext] = useState(request.withContext);
  const [saved, setSaved] = useState<{ turns: number; lastId: string | null }>({
    turns: 0,
    lastId: null,
  });
  const nextId = useRef(1);
  const runMutation = trpc.llmActions.run.useMutation();
  const saveMutation = trpc.doubts.save.useMutation();

  const finish = useCallback((patch: Partial<QuickTurn>) => {
    setTurns((all) => all.map((t, i) => (i === all.length - 1 ? { ...t, ...patch } : t)));
  }, []);

  const stream = useJobStream(jobId, {
    onEnd: (end) => {
      finish({
        content: end.text,
        phase: end.phase === 'idle' ? 'done' : end.phase,
        error: end.error ?? undefined,
      });
      setJobId(null);
    },
  });

  const busy = jobId !== null || runMutation.isPending;

  const ask = useCallback(
    async (action: LlmAction, question?: string) => {
      const history = turns
        .filter((t) => t.content.trim() && t.phase !== 'error')
        .slice(-DOUBT_LIMITS.historyMax)
        .map((t) => ({ role: t.role, content: t.content }));
      const asked = question?.trim() ? question.trim() : undefined;
      const userTurn: QuickTurn = {
        id: nextId.current++,
        role: 'user',
        content: asked ?? ACTION_META[action].request,
        action,
      };
      const answer: QuickTurn = {
        id: nextId.current++,
        role: 'assistant',
        content: '',
        phase: 'running',
      };
      setTurns((all) => [...all, userTurn, answer]);
      try {
        const started = await runMutation.mutateAsync({
          action: asked ? 'ask' : action,
          selectedText: request.selectedText,
          question: asked,
          conversationId,
          messageId: request.messageId,
          withContext,
          history: history.length > 0 ? history : undefined,
        });
        setJobId(started.jobId);
      } catch (error) {
        finish({ phase: 'error', error: getErrorMessage(error) });
      }
    },
    [turns, runMutation, request, conversationId, withContext, finish],
  );

  // A quick action chosen from the selection menu runs straight away (once).
  const autoRan = useRef(false);
  useEffect(() => {
    if (autoRan.current || request.action === null) return;
    autoRan.current = true;
    void ask(request.action, request.question);
  }, [ask, request]);

  /** Keeps the exchanges not saved yet as a doubt thread on the message (first = root). */
  const saveAsDoubt = useCallback(async () => {
    let parentId = saved.lastId;
    let index = saved.turns;
    for (; index + 1 < turns.length; index += 2) {
      const question = turns[index];
      const answer = turns[index + 1];
      if (!question || !answer?.content.trim() || answer.phase === 'running') break;
      const doubt = await saveMutation.mutateAsync({
        conversationId,
        messageId: request.messageId,
        question: savedQuestion(question, request.selectedText, index === 0),
        answer: answer.content.slice(0, DOUBT_LIMITS.answerMax),
        parentId: parentId ?? undefined,
      });
      parentId = doubt.id;
      setSaved({ turns: index + 2, lastId: doubt.id });
    }
    await utils.doubts.list.invalidate({ conversationId, messageId: request.messageId });
  }, [saved, turns, saveMutation, conversationId, request, utils]);

  const live = jobId !== null ? stream : null;
  const answered = turns.filter(
    (t, i) =>
      t.role === 'assistant' && i >= saved.turns && t.content.trim() && t.phase !== 'running',
  ).length;

  return {
    turns,
    live,
    busy,
    ask,
    stop: stream.stop,
    withContext,
    setWithContext,
    saveAsDoubt,
    saving: saveMutation.isPending,
    unsaved: answered,
    savedAny: saved.turns > 0,
  };
}

export type QuickChatState = ReturnType<typeof useQuickChat>;
