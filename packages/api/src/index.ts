export { appRouter, createCaller, type AppRouter } from './root.js';
export {
  createTRPCContext,
  createCallerFactory,
  type AppServices,
  type Context,
  type CreateContextOptions,
  type SessionCookie,
} from './trpc.js';
export type { AppConfig, AuthConfig, LlmConfig, ModelInfo } from './config.js';
export { defaultAuthConfig } from './config.js';
export { createAppServices } from './services/index.js';
export {
  anonymous,
  authenticateRequest,
  createUser,
  setUserPassword,
  type NewSession,
  type RequestAuth,
} from './services/auth.js';
export type { Logger } from './services/logger.js';
export { publicConfig } from './routers/system.js';
export { seedGlobalPrompts } from './services/prompts.js';
export { JobRegistry, abortedByShutdown } from './services/jobs/registry.js';
export { LlmService } from './services/llm/client.js';
export { recoverDocuments } from './services/documents/ingest.js';
export { findOwnedDocumentFile, findSharedDocumentFile } from './services/documents/service.js';
export { documentFilePath } from './services/documents/storage.js';
export { findOwnedAudioFile } from './services/audio/tts.js';
export { audioFilePath, sweepOrphanAudioFiles } from './services/audio/storage.js';
export { searchChunks, type RetrievedChunk } from './services/documents/retrieval.js';
export { embedTexts, normalize, vectorToBlob } from './services/documents/embeddings.js';
export { sharedCodeRunner } from './services/code-runner/index.js';
export { streamAccountExport } from './services/account/export.js';
