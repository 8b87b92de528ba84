/**
 * Fixtures for the account export/import tests: an account with a bit of everything, made
 * through the procedures a person would use (messages straight in the database: no model needed).
 */
import { accountQueries, messageQueries } from '@margin/db';
import type { AccountImportResult } from '@margin/shared';
import { buildAccountExport } from '../services/account/export.js';
import type { SignedIn } from './fixtures.js';
import type { TestHarness } from './harness.js';

export interface SeededAccount {
  workspaceId: string;
  childWorkspaceId: string;
  conversationId: string;
  temporaryConversationId: string;
  messageIds: string[];
  claimId: string;
  documentId: string;
  documentText: string;
}

/** Waits for every job of the harness (document indexing) to end. */
export async function settleJobs(h: TestHarness, jobIds: string[]): Promise<void> {
  for (const id of jobIds) await h.services.jobs.settled(id);
}

export async function seedAccount(h: TestHarness, who: SignedIn): Promise<SeededAccount> {
  const { api } = who.client;
  const userId = who.user.id;
  const parent = await api.workspaces.create({
    domain: 'assistant',
    name: 'Thesis',
    color: 'info',
  });
  const child = await api.workspaces.create({
    domain: 'assistant',
    name: 'Chapter 2',
    parentId: parent.id,
  });
  await api.workspaces.update({ id: child.id, systemPrompt: 'Answer like a patient tutor.' });
  const conversation = await api.conversations.create({
    domain: 'assistant',
    workspaceId: child.id,
  });
  const conversationId = conversation.id;
  await api.conversations.rename({ id: conversationId, title: 'Fourier series' });
  const rows = messageQueries.insertMessages({
    db: h.services.db,
    rows: [
      { conversationId, userId, role: 'user', content: 'What is a Fourier series?', position: 0 },
      {
        conversationId,
        userId,
        role: 'assistant',
        content: 'A sum of sines and cosines.\n\n## Why it matters\nSignals.',
        position: 1,
        model: 'fake-chat',
        tldr: 'Sines and cosines.',
      },
      { conversationId, userId, role: 'user', content: 'And the transform?', position: 2 },
      {
        conversationId,
        userId,
        role: 'assistant',
        content: 'Half an answer',
        position: 3,
        status: 'streaming',
      },
    ],
  });
  const messageIds = rows.map((r) => r.id);
  const [question, answer] = messageIds;
  if (question === undefined || answer === undefined) throw new Error('messages not inserted');
  await api.messages.edit({ id: question, content: 'What is a Fourier series, simply?' });
  await api.sections.update({ conversationId, states: { 'why-it-matters': true } });
  const root = await api.doubts.save({
    conversationId,
    messageId: answer,
    question: 'Why sines?',
    answer: 'They are the eigenfunctions of differentiation.',
  });
  await api.doubts.save({
    conversationId,
    messageId: answer,
    question: 'Eigen what?',
    answer: 'Functions that keep their shape.',
    parentId: root.id,
  });
  const claim = await api.pkb.claims.create({
    statement: 'I am writing a thesis on signal processing',
    type: 'fact',
    tags: ['study/thesis'],
  });
  await api.pkb.conversationPins.set({ conversationId, claimId: claim.id, pinned: true });
  accountQueries.insertClaimUses({
    db: h.services.db,
    rows: [{ messageId: answer, claimId: claim.id, via: 'pinned', why: { rrf: 0 }, position: 0 }],
  });
  await api.prompts.create({ name: 'tutor', content: 'Explain step by step.' });
  await api.prompts.update({ name: 'tutor', content: 'Explain step by step, with an example.' });
  await api.users.updateProfile({
    memory: 'I study electrical engineering.',
    preferences: 'Short answers.',
  });
  const documentText = 'Notes on Fourier analysis.\n\nThe coefficients come from integrals.';
  const form = new FormData();
  form.set('conversationId', conversationId);
  form.set('file', new File([documentText], 'notes.md', { type: 'text/markdown' }));
  const upload = await api.documents.upload(form);
  await settleJobs(h, [upload.jobId]);
  const temporary = await api.conversations.create({ domain: 'assistant', stateless: true });
  return {
    workspaceId: parent.id,
    childWorkspaceId: child.id,
    conversationId,
    temporaryConversationId: temporary.id,
    messageIds,
    claimId: claim.id,
    documentId: upload.documentId,
    documentText,
  };
}

export function exportOf(h: TestHarness, who: SignedIn): Promise<string> {
  return buildAccountExport({ services: h.services, user: who.user });
}

export function importFile(who: SignedIn, text: string | Uint8Array): Promise<AccountImportResult> {
  const form = new FormData();
  form.set('file', new File([text], 'margin-account.json', { type: 'application/json' }));
  return who.client.api.account.import(form);
}
