import type { Message } from '@margin/shared';

/** Rough rendered height of a message before it is measured (keeps scrolling steady). */
export function estimateMessageHeight(message: Message | undefined): number {
  if (!message) return 64;
  if (message.hidden) return 76;
  const text = message.content;
  const lines = text.split('\n').length;
  const wrapped = Math.ceil(text.length / (message.role === 'user' ? 70 : 90));
  const base = message.role === 'user' ? 96 : 120;
  return Math.min(4000, Math.round(base + (wrapped + lines * 0.5) * 24));
}
