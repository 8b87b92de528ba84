export * from './fake-openai.js';
export * from './harness.js';
export * from './expect-trpc.js';
export * from './fixtures.js';
export { makePdf } from '../services/documents/extract/fixtures/make-pdf.js';
