export * from './auth.js';
export * from './organise.js';
export * from './jobs.js';
export * from './meta.js';
export * from './doubts.js';
export * from './documents.js';
export * from './audio.js';
export * from './pkb.js';
