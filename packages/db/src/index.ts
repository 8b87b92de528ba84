export * from './client.js';
export { batches } from './batches.js';
export * from './schema/index.js';
export * as userQueries from './queries/users.js';
export * as sessionQueries from './queries/sessions.js';
export * as apiTokenQueries from './queries/apiTokens.js';
export * as messageQueries from './queries/messages.js';
export * as sectionQueries from './queries/sections.js';
export * as profileQueries from './queries/profiles.js';
export * as promptQueries from './queries/prompts.js';
export * as workspaceQueries from './queries/workspaces.js';
export * as conversationQueries from './queries/conversations.js';
export * as jobQueries from './queries/jobs.js';
export * as metaQueries from './queries/meta.js';
export * as doubtQueries from './queries/doubts.js';
export * as documentQueries from './queries/documents.js';
export * as retrievalQueries from './queries/retrieval.js';
export * as audioQueries from './queries/audio.js';
export * as pkbQueries from './queries/pkb.js';
export * as pkbPlanQueries from './queries/pkbPlans.js';
export * as accountQueries from './queries/account.js';
// One drizzle-orm instance for the whole workspace: consumers import operators from here.
export {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNull,
  isNotNull,
  lt,
  lte,
  max,
  ne,
  or,
  sql,
} from 'drizzle-orm';
