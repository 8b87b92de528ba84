import { useCallback, useSyncExternalStore } from 'react';
import { storage } from './storage';

export type Theme = 'light' | 'dark' | 'system';
export type ResolvedTheme = 'light' | 'dark';

/** Must match public/theme-init.js, which applies the theme before the app loads. */
export const THEME_STORAGE_KEY = 'margin.theme';

const listeners = new Set<() => void>();
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function readTheme(): Theme {
  const saved = storage.get(THEME_STORAGE_KEY);
  return saved === 'light' || saved === 'dark' || saved === 'system' ? saved : 'system';
}

let current: Theme = typeof window === 'undefined' ? 'system' : readTheme();

function resolve(theme: Theme): ResolvedTheme {
  if (theme !== 'system') return theme;
  return darkQuery().matches ? 'dark' : 'light';
}

function apply() {
  const resolved = resolve(current);
  const root = document.documentElement;
  root.classList.toggle('dark', resolved === 'dark');
  root.style.colorScheme = resolved;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = darkQuery();
  const onMedia = () => {
    if (current === 'system') apply();
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === THEME_STORAGE_KEY) {
      current = readTheme();
      apply();
    }
  };
  media.addEventListener('change', onMedia);
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    media.removeEventListener('change', onMedia);
    window.removeEventListener('storage', onStorage);
  };
}

export function setTheme(theme: Theme) {
  current = theme;
  storage.set(THEME_STORAGE_KEY, theme);
  apply();
}

/** Light / dark / system theme. "system" follows the OS and is the default. */
export function useTheme() {
  const theme = useSyncExternalStore(
    subscribe,
    () => current,
    (): Theme => 'system',
  );
  const resolvedTheme = useSyncExternalStore(
    subscribe,
    () => resolve(current),
    (): ResolvedTheme => 'light',
  );
  const set = useCallback((next: Theme) => {
    setTheme(next);
  }, []);
  return { theme, resolvedTheme, setTheme: set };
}
