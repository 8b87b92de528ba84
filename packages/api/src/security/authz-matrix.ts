/**
 * The authorization matrix: one entry per procedure of `appRouter`, saying who may call it and
 * how another user would try to reach Ada's data through it. `authz-matrix.test.ts` checks the
 * list against the router, so a new procedure without an entry fails the suite.
 */
import type { TestClient } from '../testing/harness.js';
import type { OwnedFixtures } from './authz-fixtures.js';

export type Api = TestClient['api'];

/** The attacker's own things, for procedures that take two ids (one theirs, one Ada's). */
export interface AttackerFixtures {
  workspaceId: string;
  conversationId: string;
  messageId: string;
}

export type Call = (api: Api, ada: OwnedFixtures, own: AttackerFixtures) => Promise<unknown>;

export type Entry =
  /** Needs no session. `call` (when given) is run anonymously and must not be refused. */
  | { access: 'public'; call?: Call }
  /** Admins only: a normal user gets FORBIDDEN. */
  | { access: 'admin'; call: Call }
  /** Takes ids of Ada's things: another user gets NOT_FOUND from every call, and nothing changes. */
  | { access: 'owned'; calls: Call[] }
  /** Works on the caller's own data only: another user's result never contains Ada's. */
  | { access: 'own'; call: Call }
  /** Acts on the caller's own session or account; run from a throw-away login. */
  | { access: 'session'; call: Call };

const file = (conversationId: string, field: 'file' | 'audio', name: string, text: string) => {
  const form = new FormData();
  form.set('conversationId', conversationId);
  form.set(field, new File([text], name));
  return form;
};

/** An account export whose workspace, conversation, message and doubt ids are Ada's. */
const accountFile = (ada: OwnedFixtures) => {
  const at = new Date().toISOString();
  const data = {
    format: 'margin-account',
    version: 1,
    exportedAt: at,
    account: { name: 'Mallory', email: 'mallory@example.com' },
    profile: { memory: '', preferences: '' },
    workspaces: [
      {
        ...{ id: ada.workspaceId, domain: 'assistant', name: 'Taken', color: null, parentId: null },
        ...{ expanded: true, isDefault: false, position: 0, systemPrompt: null },
        ...{ createdAt: at, updatedAt: at },
      },
    ],
    conversations: [
      {
        ...{ id: ada.conversationId, workspaceId: ada.workspaceId, domain: 'assistant' },
        ...{ title: 'Mine now', titleLocked: false, flag: null, summary: '', memoryPad: '' },
        ...{ suggestions: [], lastActivityAt: at, createdAt: at, updatedAt: at },
        messages: [
          {
            ...{ id: ada.userMessageId, role: 'user', content: 'hello', hidden: false },
            ...{ position: 0, status: 'complete', model: null, tldr: null, error: null },
            ...{ createdAt: at, updatedAt: at, versions: [], memoryUses: [] },
          },
        ],
        hiddenSections: [],
        doubts: [
          {
            ...{ id: ada.doubtId, messageId: ada.userMessageId, parentId: null },
            ...{ question: 'q', answer: 'a', status: 'complete', error: null },
            ...{ createdAt: at, updatedAt: at },
          },
        ],
        documents: [],
        memoryPins: [],
      },
    ],
    prompts: [],
    memory: { format: 'margin-pkb', version: 1, exportedAt: at, claims: [], conflicts: [] },
  };
  const form = new FormData();
  form.set('file', new File([JSON.stringify(data)], 'margin-account.json'));
  return form;
};

export const AUTHZ_MATRIX: Record<string, Entry> = {
  'auth.status': { access: 'public', call: (api) => api.auth.status() },
  'auth.setup': { access: 'public' },
  'auth.login': { access: 'public' },
  'auth.logout': { access: 'session', call: (api) => api.auth.logout() },
  'auth.logoutEverywhere': { access: 'session', call: (api) => api.auth.logoutEverywhere() },
  'auth.me': { access: 'own', call: (api) => api.auth.me() },
  'auth.changePassword': {
    access: 'session',
    call: (api) =>
      api.auth.changePassword({
        currentPassword: 'fixture password 1',
        newPassword: 'another password 2',
      }),
  },
  'auth.tokens.list': { access: 'own', call: (api) => api.auth.tokens.list() },
  'auth.tokens.create': { access: 'own', call: (api) => api.auth.tokens.create({ name: 'mine' }) },
  'auth.tokens.revoke': {
    access: 'owned',
    calls: [(api, ada) => api.auth.tokens.revoke({ id: ada.apiTokenId })],
  },

  'admin.users.list': { access: 'admin', call: (api) => api.admin.users.list() },
  'admin.users.create': {
    access: 'admin',
    call: (api) =>
      api.admin.users.create({ email: 'mallory@example.com', password: 'mallory password 1' }),
  },
  'admin.users.update': {
    access: 'admin',
    call: (api, ada) => api.admin.users.update({ id: ada.ada.user.id, disabled: true }),
  },
  'admin.users.resetPassword': {
    access: 'admin',
    call: (api, ada) =>
      api.admin.users.resetPassword({ id: ada.ada.user.id, password: 'taken over 123' }),
  },

  'system.health': { access: 'public', call: (api) => api.system.health() },
  'system.config': { access: 'public', call: (api) => api.system.config() },
  'system.locks.status': {
    access: 'owned',
    calls: [(api, ada) => api.system.locks.status({ conversationId: ada.conversationId })],
  },
  'system.locks.clear': {
    access: 'owned',
    calls: [(api, ada) => api.system.locks.clear({ conversationId: ada.conversationId })],
  },

  'workspaces.list': { access: 'own', call: (api) => api.workspaces.list({ domain: 'assistant' }) },
  'workspaces.create': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.workspaces.create({ domain: 'assistant', name: 'inside', parentId: ada.workspaceId }),
    ],
  },
  'workspaces.update': {
    access: 'owned',
    calls: [
      (api, ada) => api.workspaces.update({ id: ada.workspaceId, name: 'renamed' }),
      (api, ada, own) => api.workspaces.update({ id: own.workspaceId, parentId: ada.workspaceId }),
    ],
  },
  'workspaces.collapse': {
    access: 'owned',
    calls: [(api, ada) => api.workspaces.collapse({ ids: [ada.workspaceId] })],
  },
  'workspaces.delete': {
    access: 'owned',
    calls: [(api, ada) => api.workspaces.delete({ id: ada.workspaceId })],
  },
  'workspaces.moveConversation': {
    access: 'owned',
    calls: [
      (api, ada, own) =>
        api.workspaces.moveConversation({
          conversationId: ada.conversationId,
          workspaceId: own.workspaceId,
        }),
      (api, ada, own) =>
        api.workspaces.moveConversation({
          conversationId: own.conversationId,
          workspaceId: ada.workspaceId,
        }),
    ],
  },

  'conversations.list': {
    access: 'owned',
    calls: [
      (api, ada) => api.conversations.list({ domain: 'assistant', workspaceId: ada.workspaceId }),
    ],
  },
  'conversations.create': {
    access: 'owned',
    calls: [
      (api, ada) => api.conversations.create({ domain: 'assistant', workspaceId: ada.workspaceId }),
    ],
  },
  'conversations.get': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.get({ id: ada.conversationId })],
  },
  'conversations.rename': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.rename({ id: ada.conversationId, title: 'mine now' })],
  },
  'conversations.setFlag': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.setFlag({ id: ada.conversationId, flag: null })],
  },
  'conversations.setStateless': {
    access: 'owned',
    calls: [
      (api, ada) => api.conversations.setStateless({ id: ada.conversationId, stateless: true }),
    ],
  },
  'conversations.clone': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.clone({ id: ada.conversationId })],
  },
  'conversations.delete': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.delete({ id: ada.conversationId })],
  },
  'conversations.getMemoryPad': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.getMemoryPad({ id: ada.conversationId })],
  },
  'conversations.setMemoryPad': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.setMemoryPad({ id: ada.conversationId, text: 'x' })],
  },
  'conversations.getHistory': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.getHistory({ id: ada.conversationId })],
  },
  'conversations.suggestions': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.suggestions({ id: ada.conversationId })],
  },
  'conversations.share': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.share({ id: ada.conversationId })],
  },
  'conversations.unshare': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.unshare({ id: ada.conversationId })],
  },
  // Public by design: the unguessable token is the permission (revocable by the owner).
  'conversations.getShared': { access: 'public' },
  'conversations.export': {
    access: 'owned',
    calls: [(api, ada) => api.conversations.export({ id: ada.conversationId, format: 'json' })],
  },
  'conversations.search': {
    access: 'own',
    call: (api) => api.conversations.search({ query: 'ADA-SECRET tracing' }),
  },

  'messages.list': {
    access: 'owned',
    calls: [(api, ada) => api.messages.list({ conversationId: ada.conversationId })],
  },
  'messages.edit': {
    access: 'owned',
    calls: [(api, ada) => api.messages.edit({ id: ada.userMessageId, content: 'edited' })],
  },
  'messages.versions': {
    access: 'owned',
    calls: [(api, ada) => api.messages.versions({ id: ada.userMessageId })],
  },
  'messages.delete': {
    access: 'owned',
    calls: [(api, ada) => api.messages.delete({ id: ada.userMessageId })],
  },
  'messages.setHidden': {
    access: 'owned',
    calls: [(api, ada) => api.messages.setHidden({ id: ada.userMessageId, hidden: true })],
  },
  'messages.move': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.messages.move({
          conversationId: ada.conversationId,
          messageIds: [ada.assistantMessageId],
          direction: 'up',
        }),
      (api, ada, own) =>
        api.messages.move({
          conversationId: own.conversationId,
          messageIds: [ada.assistantMessageId],
          direction: 'up',
        }),
    ],
  },
  'messages.deleteLastTurn': {
    access: 'owned',
    calls: [(api, ada) => api.messages.deleteLastTurn({ conversationId: ada.conversationId })],
  },

  'sections.get': {
    access: 'owned',
    calls: [
      (api, ada) => api.sections.get({ conversationId: ada.conversationId, sectionIds: ['s-1'] }),
    ],
  },
  'sections.update': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.sections.update({ conversationId: ada.conversationId, states: { 's-1': false } }),
    ],
  },

  'users.getProfile': { access: 'own', call: (api) => api.users.getProfile() },
  'users.updateProfile': {
    access: 'own',
    call: (api) => api.users.updateProfile({ memory: 'my own profile' }),
  },

  'prompts.list': { access: 'own', call: (api) => api.prompts.list() },
  'prompts.get': {
    access: 'owned',
    calls: [(api, ada) => api.prompts.get({ name: ada.promptName })],
  },
  'prompts.create': {
    access: 'own',
    call: (api) => api.prompts.create({ name: 'bobs_prompt', content: 'mine', scope: 'personal' }),
  },
  'prompts.update': {
    access: 'owned',
    calls: [(api, ada) => api.prompts.update({ name: ada.promptName, content: 'overwritten' })],
  },
  'prompts.delete': {
    access: 'owned',
    calls: [(api, ada) => api.prompts.delete({ name: ada.promptName })],
  },
  'prompts.versions': {
    access: 'owned',
    calls: [(api, ada) => api.prompts.versions({ name: ada.promptName })],
  },

  'chat.models': { access: 'own', call: (api) => api.chat.models() },
  'chat.send': {
    access: 'owned',
    calls: [(api, ada) => api.chat.send({ conversationId: ada.conversationId, text: 'hello' })],
  },
  'chat.codingHint': {
    access: 'owned',
    calls: [(api, ada) => api.chat.codingHint({ conversationId: ada.conversationId, code: 'x' })],
  },
  'chat.fullSolution': {
    access: 'owned',
    calls: [(api, ada) => api.chat.fullSolution({ conversationId: ada.conversationId, code: 'x' })],
  },

  'jobs.follow': { access: 'owned', calls: [(api, ada) => api.jobs.follow({ jobId: ada.jobId })] },
  'jobs.get': { access: 'owned', calls: [(api, ada) => api.jobs.get({ jobId: ada.jobId })] },
  'jobs.active': {
    access: 'owned',
    calls: [(api, ada) => api.jobs.active({ conversationId: ada.conversationId })],
  },
  'cancellations.cancel': {
    access: 'owned',
    calls: [
      (api, ada) => api.cancellations.cancel({ jobId: ada.jobId }),
      (api, ada) => api.cancellations.cancel({ conversationId: ada.conversationId }),
    ],
  },
  'cancellations.cleanup': { access: 'own', call: (api) => api.cancellations.cleanup() },

  'doubts.ask': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.doubts.ask({
          conversationId: ada.conversationId,
          messageId: ada.assistantMessageId,
          question: 'why?',
        }),
      (api, ada, own) =>
        api.doubts.ask({
          conversationId: own.conversationId,
          messageId: own.messageId,
          question: 'why?',
          parentId: ada.doubtId,
        }),
    ],
  },
  'doubts.save': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.doubts.save({
          conversationId: ada.conversationId,
          messageId: ada.assistantMessageId,
          question: 'q',
          answer: 'a',
        }),
    ],
  },
  'doubts.list': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.doubts.list({ conversationId: ada.conversationId, messageId: ada.assistantMessageId }),
    ],
  },
  'doubts.get': { access: 'owned', calls: [(api, ada) => api.doubts.get({ id: ada.doubtId })] },
  'doubts.delete': {
    access: 'owned',
    calls: [(api, ada) => api.doubts.delete({ id: ada.doubtId })],
  },

  'documents.upload': {
    access: 'owned',
    calls: [(api, ada) => api.documents.upload(file(ada.conversationId, 'file', 'x.txt', 'hello'))],
  },
  'documents.addUrl': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.documents.addUrl({ conversationId: ada.conversationId, url: 'https://example.com/' }),
    ],
  },
  'documents.list': {
    access: 'owned',
    calls: [(api, ada) => api.documents.list({ conversationId: ada.conversationId })],
  },
  'documents.get': {
    access: 'owned',
    calls: [(api, ada) => api.documents.get({ id: ada.documentId })],
  },
  'documents.delete': {
    access: 'owned',
    calls: [(api, ada) => api.documents.delete({ id: ada.documentId })],
  },
  'documents.reindex': {
    access: 'owned',
    calls: [(api, ada) => api.documents.reindex({ id: ada.documentId })],
  },

  'llmActions.run': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.llmActions.run({
          action: 'explain',
          selectedText: 'tracing',
          conversationId: ada.conversationId,
          messageId: ada.assistantMessageId,
          withContext: true,
        }),
    ],
  },

  'audio.tts': {
    access: 'owned',
    calls: [(api, ada) => api.audio.tts({ messageId: ada.assistantMessageId })],
  },
  'audio.ttsStatus': {
    access: 'owned',
    calls: [(api, ada) => api.audio.ttsStatus({ messageId: ada.assistantMessageId })],
  },
  'audio.transcribe': {
    access: 'own',
    call: (api, _ada, own) =>
      api.audio.transcribe(file(own.conversationId, 'audio', 'a.webm', 'x')),
  },
  'codeRunner.languages': { access: 'own', call: (api) => api.codeRunner.languages() },
  'codeRunner.run': {
    access: 'own',
    call: (api) => api.codeRunner.run({ language: 'python', code: 'print(1)' }),
  },

  'pkb.claims.list': { access: 'own', call: (api) => api.pkb.claims.list({ query: 'tea' }) },
  'pkb.claims.create': {
    access: 'own',
    call: (api) => api.pkb.claims.create({ statement: 'I prefer green tea', type: 'preference' }),
  },
  'pkb.claims.bulkCreate': {
    access: 'own',
    call: (api) =>
      api.pkb.claims.bulkCreate({ claims: [{ statement: 'Tea at noon', type: 'habit' }] }),
  },
  'pkb.claims.get': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.claims.get({ id: ada.claimId })],
  },
  'pkb.claims.update': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.claims.update({ id: ada.claimId, statement: 'hijacked' })],
  },
  'pkb.claims.delete': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.claims.delete({ id: ada.claimId })],
  },
  'pkb.claims.pin': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.claims.pin({ id: ada.claimId, pinned: false })],
  },
  'pkb.pinned': { access: 'own', call: (api) => api.pkb.pinned() },
  'pkb.conversationPins.set': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.pkb.conversationPins.set({
          conversationId: ada.conversationId,
          claimId: ada.claimId,
          pinned: false,
        }),
      (api, ada, own) =>
        api.pkb.conversationPins.set({
          conversationId: own.conversationId,
          claimId: ada.claimId,
          pinned: true,
        }),
    ],
  },
  'pkb.conversationPins.list': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.conversationPins.list({ conversationId: ada.conversationId })],
  },
  'pkb.conversationPins.clear': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.conversationPins.clear({ conversationId: ada.conversationId })],
  },
  'pkb.search': { access: 'own', call: (api) => api.pkb.search({ query: 'green tea ADA-SECRET' }) },
  'pkb.entities.list': { access: 'own', call: (api) => api.pkb.entities.list() },
  'pkb.tags.list': { access: 'own', call: (api) => api.pkb.tags.list() },
  'pkb.conflicts.list': { access: 'own', call: (api) => api.pkb.conflicts.list() },
  'pkb.conflicts.create': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.conflicts.create({ claimIds: [ada.claimId, ada.otherClaimId] })],
  },
  'pkb.conflicts.resolve': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.pkb.conflicts.resolve({ id: ada.conflictId, keepClaimIds: [], action: 'keep_all' }),
    ],
  },
  'account.summary': { access: 'own', call: (api) => api.account.summary() },
  // A file that reuses Ada's ids: the import must give the caller new ones, never touch Ada's.
  'account.import': {
    access: 'own',
    call: (api, ada) => api.account.import(accountFile(ada)),
  },
  'pkb.export': { access: 'own', call: (api) => api.pkb.export() },
  'pkb.import': {
    access: 'own',
    call: (api) =>
      api.pkb.import({
        data: {
          format: 'margin-pkb',
          version: 1,
          exportedAt: new Date(),
          claims: [],
          conflicts: [],
        },
        mode: 'merge',
      }),
  },
  'pkb.proposeUpdates': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.pkb.proposeUpdates({
          conversationId: ada.conversationId,
          messageId: ada.assistantMessageId,
        }),
      (api, ada, own) =>
        api.pkb.proposeUpdates({
          conversationId: own.conversationId,
          messageId: ada.assistantMessageId,
        }),
    ],
  },
  'pkb.executeUpdates': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.executeUpdates({ planId: ada.planId, approved: [{ index: 0 }] })],
  },
  'pkb.ingestText': { access: 'own', call: (api) => api.pkb.ingestText({ text: 'I like tea.' }) },
  'pkb.executeIngest': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.executeIngest({ planId: ada.planId, approved: [{ index: 0 }] })],
  },
  'pkb.relevantContext': {
    access: 'owned',
    calls: [
      (api, ada) => api.pkb.relevantContext({ query: 'tea', conversationId: ada.conversationId }),
    ],
  },
  'pkb.plans.latest': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.plans.latest({ conversationId: ada.conversationId })],
  },
  'pkb.plans.get': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.plans.get({ planId: ada.planId })],
  },
  'pkb.plans.dismiss': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.plans.dismiss({ planId: ada.planId })],
  },
  'pkb.usage.forMessage': {
    access: 'owned',
    calls: [(api, ada) => api.pkb.usage.forMessage({ messageId: ada.assistantMessageId })],
  },
  'pkb.usage.exclude': {
    access: 'owned',
    calls: [
      (api, ada) =>
        api.pkb.usage.exclude({
          conversationId: ada.conversationId,
          claimId: ada.claimId,
          excluded: true,
        }),
      (api, ada, own) =>
        api.pkb.usage.exclude({
          conversationId: own.conversationId,
          claimId: ada.claimId,
          excluded: true,
        }),
    ],
  },
  'pkb.settings.get': { access: 'own', call: (api) => api.pkb.settings.get() },
  'pkb.settings.update': {
    access: 'own',
    call: (api) => api.pkb.settings.update({ autoPropose: false }),
  },
};
