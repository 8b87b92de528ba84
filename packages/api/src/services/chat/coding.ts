/** Coding hint and full solution for the code in the editor: streamed jobs, nothing stored. */
import type { AppServices } from '../../trpc.js';
import { requireConversation } from '../conversations/core.js';
import { selectHistory } from './history.js';
import { StreamWriter } from './message-writer.js';
import { streamInto } from './stream.js';
import { truncateToTokens } from './tokens.js';

export type CodingHelpKind = 'coding_hint' | 'coding_solution';

const INSTRUCTIONS: Record<CodingHelpKind, string> = {
  coding_hint:
    'Give a hint, not a solution: point at the next step or the bug, ask a guiding question, and show at most a line or two of code.',
  coding_solution:
    'Give a complete, correct solution: explain the approach briefly, then the full code in one fenced block, then its time and space complexity.',
};

export function startCodingHelp({
  services,
  userId,
  kind,
  conversationId,
  code,
  context,
}: {
  services: AppServices;
  userId: string;
  kind: CodingHelpKind;
  conversationId: string;
  code?: string | undefined;
  context?: string | undefined;
}): { jobId: string } {
  const { db, llm, jobs } = services;
  const conversation = requireConversation({ db, userId, id: conversationId });
  const model = llm.resolveModel('chat');
  const history = selectHistory({ db, userId, conversationId, mode: 3 });
  jobs.assertCanStart({ kind, userId, conversationId });
  const user = [
    conversation.summary ? `Conversation so far (summary):\n${conversation.summary}` : '',
    context ? `Problem / context:\n${truncateToTokens(context, 4000)}` : '',
    code
      ? `Current code:\n\`\`\`\n${truncateToTokens(code, 12000)}\n\`\`\``
      : 'No code written yet.',
  ]
    .filter(Boolean)
    .join('\n\n');
  const jobId = jobs.start({
    kind,
    userId,
    conversationId,
    exclusive: true,
    run: async (job) => {
      const error = await streamInto({
        services,
        job,
        model,
        temperature: 0.2,
        tagDeltas: false,
        writer: new StreamWriter(job.jobId),
        messages: [
          { role: 'system', content: `You are a patient programming tutor. ${INSTRUCTIONS[kind]}` },
          ...history,
          { role: 'user', content: user },
        ],
      });
      if (error) throw new Error(error);
      return {};
    },
  });
  return { jobId };
}
