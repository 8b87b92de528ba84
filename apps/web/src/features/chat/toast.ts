/** Chat toasts appear at the top, so they never cover the composer and its Send/Stop button. */
export const TOAST_OPTIONS = { position: 'top-center' } as const;
