/**
 * Reading the text the user selected inside one message. KaTeX renders every formula twice
 * (MathML + HTML), so a plain `toString()` repeats it; formulas are turned back into `$TeX$`.
 */

export interface MessageTextSelection {
  messageId: string;
  role: 'user' | 'assistant';
  text: string;
  /** Viewport boxes of the selected lines (first and last line matter for placement). */
  top: DOMRect;
  bottom: DOMRect;
}

/** Minimum characters before the quick actions appear (a stray double-click on a word is 1+). */
export const MIN_SELECTION = 2;
/** The message menu still sees a selection the click on its trigger just collapsed. */
const RECENT_MS = 2000;

const BLOCKS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'TR', 'BLOCKQUOTE']);

function messageElementOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('article[data-message-id]') ?? null;
}

/** Text of a selected fragment with formulas as TeX, line breaks between blocks, no buttons. */
export function fragmentText(fragment: DocumentFragment): string {
  for (const button of fragment.querySelectorAll('button, [aria-hidden="true"].katex-html')) {
    button.remove();
  }
  for (const math of fragment.querySelectorAll('.katex-mathml')) {
    const tex = math.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    const holder = math.closest('.katex') ?? math;
    if (tex) {
      const display = holder.closest('.katex-display') !== null;
      holder.replaceWith(document.createTextNode(display ? `$$${tex}$$` : `$${tex}$`));
    } else holder.remove();
  }
  for (const html of fragment.querySelectorAll('.katex-html')) html.remove();
  for (const block of fragment.querySelectorAll('*')) {
    if (BLOCKS.has(block.tagName)) block.append(document.createTextNode('\n'));
  }
  return fragment.textContent.replace(/\n{3,}/g, '\n\n').trim();
}

/** The current selection when it lies within one message (and is long enough), else null. */
export function readMessageSelection(): MessageTextSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const article = messageElementOf(range.commonAncestorContainer);
  const messageId = article?.dataset.messageId;
  if (!article || !messageId) return null;
  const fragment = range.cloneContents();
  const text = fragment.querySelector('.katex, button')
    ? fragmentText(fragment)
    : selection.toString().trim();
  if (text.length < MIN_SELECTION) return null;
  const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
  const whole = range.getBoundingClientRect();
  return {
    messageId,
    role: article.dataset.role === 'user' ? 'user' : 'assistant',
    text,
    top: rects[0] ?? whole,
    bottom: rects.at(-1) ?? whole,
  };
}

let recent: { messageId: string; text: string; until: number } | null = null;

/** Called on every selection change: remembers the last selection a little while. */
export function noteSelection(current: MessageTextSelection | null): void {
  if (current) recent = { messageId: current.messageId, text: current.text, until: Infinity };
  else if (recent?.until === Infinity) recent.until = Date.now() + RECENT_MS;
}

/** Text selected in `messageId` now, or just before a click collapsed it; null otherwise. */
export function recentSelectionIn(messageId: string): string | null {
  const current = readMessageSelection();
  if (current) return current.messageId === messageId ? current.text : null;
  if (recent?.messageId === messageId && Date.now() < recent.until) return recent.text;
  return null;
}
