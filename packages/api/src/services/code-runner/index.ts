export { detectCodeRunner, type CodeRunnerSetup } from './detect.js';
export { createCodeRunner, sharedCodeRunner, type CodeRunner } from './runner.js';
