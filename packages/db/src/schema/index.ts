export * from './auth.js';
export * from './organise.js';
