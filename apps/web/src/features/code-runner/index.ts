export { RunnableCodeFrame } from './RunnableCodeFrame';
export { RunButton } from './RunButton';
export { RunOutput } from './RunOutput';
export { useCodeRun, type CodeRun } from './useCodeRun';
export { useRunnable } from './useRunnable';
