export * from './fake-openai.js';
export * from './harness.js';
export * from './expect-trpc.js';
