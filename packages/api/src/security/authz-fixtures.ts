/**
 * What the authorization matrix attacks: one user ("Ada", the first admin) owning one of
 * everything, each text marked with {@link SECRET} so any leak to another user is visible.
 */
import type { JobEvent } from '@margin/shared';
import { appendMessages } from '../services/messages.js';
import type { FakeOpenAI } from '../testing/fake-openai.js';
import type { TestHarness } from '../testing/harness.js';
import { insertConversation, signUp, type SignedIn } from '../testing/fixtures.js';

export const SECRET = 'ADA-SECRET-7f3a';

export interface OwnedFixtures {
  ada: SignedIn;
  workspaceId: string;
  conversationId: string;
  userMessageId: string;
  assistantMessageId: string;
  doubtId: string;
  shareToken: string;
  promptName: string;
  documentId: string;
  /** A finished job of Ada's (the document's indexing job). */
  jobId: string;
  apiTokenId: string;
  claimId: string;
  /** A second claim of Ada's, in conflict with the first. */
  otherClaimId: string;
  conflictId: string;
  planId: string;
  /** Every id above, to look for in other users' results. */
  ids: string[];
}

async function drain(iterable: AsyncIterable<unknown>): Promise<JobEvent[]> {
  const events: JobEvent[] = [];
  for await (const item of iterable) events.push((item as [string, JobEvent])[1]);
  return events;
}

export async function createOwnedFixtures(
  h: TestHarness,
  fake: FakeOpenAI,
): Promise<OwnedFixtures> {
  const ada = await signUp(h, 'ada@example.com');
  const api = ada.client.api;
  const workspace = await api.workspaces.create({ domain: 'assistant', name: `${SECRET} folder` });
  const conversationId = insertConversation(h, ada.user.id, {
    workspaceId: workspace.id,
    title: `${SECRET} title`,
  }).id;
  const [userMessage, assistantMessage] = appendMessages({
    db: h.services.db,
    conversationId,
    userId: ada.user.id,
    messages: [
      { role: 'user', content: `${SECRET} question about tracing` },
      { role: 'assistant', content: `${SECRET} answer about tracing` },
    ],
  });
  if (!userMessage || !assistantMessage) throw new Error('fixture messages missing');
  await api.conversations.setMemoryPad({ id: conversationId, text: `${SECRET} pad` });
  await api.sections.update({ conversationId, states: { 's-1': true } });
  const doubt = await api.doubts.save({
    conversationId,
    messageId: assistantMessage.id,
    question: `${SECRET} doubt`,
    answer: `${SECRET} doubt answer`,
  });
  const { token: shareToken } = await api.conversations.share({ id: conversationId });
  const promptName = 'ada_private_prompt';
  await api.prompts.create({ name: promptName, content: `${SECRET} prompt`, scope: 'personal' });
  const form = new FormData();
  form.set('conversationId', conversationId);
  form.set('file', new File([`${SECRET} document text about tracing.`], 'notes.txt'));
  const upload = await api.documents.upload(form);
  await drain(await api.jobs.follow({ jobId: upload.jobId }));
  const token = await api.auth.tokens.create({ name: 'ada script' });
  const claim = await api.pkb.claims.create({
    statement: `${SECRET} I prefer green tea`,
    type: 'preference',
    tags: ['drinks'],
    entities: [{ name: 'Green tea', type: 'topic' }],
  });
  const other = await api.pkb.claims.create({
    statement: `${SECRET} I dislike tea`,
    type: 'preference',
  });
  await api.pkb.claims.pin({ id: claim.id, pinned: true });
  await api.pkb.conversationPins.set({ conversationId, claimId: claim.id, pinned: true });
  const conflict = await api.pkb.conflicts.create({ claimIds: [claim.id, other.id] });
  const plan = await api.pkb.ingestText({ text: `${SECRET} I usually walk to work every day.` });
  if (!plan.planId) throw new Error('fixture plan missing');
  fake.reset();
  const ids = [
    workspace.id,
    conversationId,
    userMessage.id,
    assistantMessage.id,
    doubt.id,
    shareToken,
    upload.documentId,
    upload.jobId,
    token.id,
    claim.id,
    other.id,
    conflict.id,
    plan.planId,
  ];
  return {
    ada,
    workspaceId: workspace.id,
    conversationId,
    userMessageId: userMessage.id,
    assistantMessageId: assistantMessage.id,
    doubtId: doubt.id,
    shareToken,
    promptName,
    documentId: upload.documentId,
    jobId: upload.jobId,
    apiTokenId: token.id,
    claimId: claim.id,
    otherClaimId: other.id,
    conflictId: conflict.id,
    planId: plan.planId,
    ids,
  };
}
