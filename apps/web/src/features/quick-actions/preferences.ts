import { storage } from '../../lib/storage';

const WITH_CONTEXT_KEY = 'margin.quickActions.withContext';

/** Whether quick actions send the surrounding conversation too (remembered per browser). */
export function readWithContext(): boolean {
  return storage.get(WITH_CONTEXT_KEY) === '1';
}

export function writeWithContext(value: boolean): void {
  storage.set(WITH_CONTEXT_KEY, value ? '1' : '0');
}
