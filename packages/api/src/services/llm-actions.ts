/**
 * Quick actions on selected text (explain, critique, expand, ELI5, ask), streamed in a
 * temporary side chat. Nothing is stored; the user may keep the result as a doubt.
 */
import type { LlmAction, RunLlmActionInput } from '@margin/shared';
import type { AppServices } from '../trpc.js';
import { StreamWriter } from './chat/message-writer.js';
import { streamInto } from './chat/stream.js';
import { truncateToTokens } from './chat/tokens.js';
import { requireConversation } from './conversations/core.js';
import { messageWindowText, requireMessageIn } from './message-context.js';

const GUIDANCE: Record<LlmAction, string> = {
  explain:
    'Explain the selected text: break the ideas down, use plain language and a concrete example, and say why the key points matter.',
  critique:
    'Critique the selected text constructively: strengths, weaknesses, gaps in logic or evidence, hidden assumptions, and how to improve it.',
  expand:
    'Expand on the selected text: background, details, examples, connections to related ideas, implications and applications.',
  eli5: 'Explain the selected text as to a curious ten-year-old: everyday words, an analogy, tiny steps, no jargon. End with "The big idea is…".',
  ask: "Answer the user's question about the selected text.",
};

const HISTORY_ITEMS = 6;

export function runLlmAction({
  services,
  userId,
  input,
}: {
  services: AppServices;
  userId: string;
  input: RunLlmActionInput;
}): { jobId: string } {
  const { db, llm, jobs } = services;
  const model = llm.resolveModel('chat');
  const sections: string[] = [];
  if (input.conversationId) {
    // An id that is not the caller's is an error, never a silent fallback to no context.
    const conversation = requireConversation({ db, userId, id: input.conversationId });
    if (conversation.summary)
      sections.push(`## Conversation summary\n${truncateToTokens(conversation.summary, 1500)}`);
    if (input.messageId) {
      const target = requireMessageIn({
        db,
        userId,
        conversationId: input.conversationId,
        messageId: input.messageId,
      });
      sections.push(
        input.withContext
          ? `## Conversation around the selection\n${messageWindowText({ db, target, marker: '[THE SELECTION IS FROM HERE]' })}`
          : `## The message the selection is from\n${truncateToTokens(target.content, 4000)}`,
      );
    }
  }
  sections.push(`## Selected text\n${truncateToTokens(input.selectedText, 6000)}`);
  const history = (input.history ?? []).slice(-HISTORY_ITEMS).map((h) => ({
    role: h.role,
    content: truncateToTokens(h.content, 1500),
  }));
  const question = input.question?.trim();
  const action: LlmAction = question ? 'ask' : input.action;
  const ask =
    question ??
    (action === 'ask'
      ? 'Help me understand this better.'
      : `Please ${action === 'eli5' ? 'explain it simply' : action} it.`);

  const jobId = jobs.start({
    kind: 'quick_action',
    userId,
    conversationId: input.conversationId ?? null,
    run: async (job) => {
      const error = await streamInto({
        services,
        job,
        model,
        temperature: 0.4,
        tagDeltas: false,
        writer: new StreamWriter(job.jobId),
        messages: [
          {
            role: 'system',
            content: `You help someone reading a conversation. ${GUIDANCE[action]} Be concise. Use Markdown; LaTeX math with $…$.`,
          },
          { role: 'user', content: sections.join('\n\n') },
          ...history,
          { role: 'user', content: ask },
        ],
      });
      if (error) throw new Error(error);
      return {};
    },
  });
  return { jobId };
}
