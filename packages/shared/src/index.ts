export * from './constants.js';
export * from './schemas/auth.js';
export * from './schemas/system.js';
