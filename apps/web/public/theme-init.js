/* global window, document */
// Applies the saved (or OS) colour theme before first paint, so dark mode never flashes light.
// Loaded with a plain <script src> because the server's CSP forbids inline scripts.
// Keep the storage key in sync with src/lib/theme.ts.
(() => {
  let theme = 'system';
  try {
    const saved = window.localStorage.getItem('margin.theme');
    if (saved === 'light' || saved === 'dark' || saved === 'system') theme = saved;
  } catch {
    // Storage unavailable: follow the OS.
  }
  const dark =
    theme === 'dark' ||
    (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
})();
