/**
 * Slash commands and inline references in a chat message. Pure: the send service acts on the
 * result. Commands are recognised at the start of the message; `@memory:<id>` anywhere;
 * `#summary_doc_N` / `#full_doc_N` when they are all that is left of the message.
 */
export interface ParsedMessage {
  /** The text to answer, with commands removed. */
  text: string;
  /** `/title <t>`: set and lock the title. */
  title?: string;
  /** `/temp`: answer without saving anything. */
  temporary: boolean;
  /** `/history N`: use the last N turns. */
  historyTurns?: number;
  /** `/detailed N`: detail level 1–4. */
  detail?: 1 | 2 | 3 | 4;
  /** `/delete`: drop the previous turn first. */
  deletePreviousTurn: boolean;
  /** `@memory:<id>` references (passed to the memory seam). */
  memoryIds: string[];
  /**
   * `#summary_doc_N` / `#full_doc_N` as the whole message: answered with the document's stored
   * summary or full text, without calling a model.
   */
  documentCommand?: { kind: 'summary' | 'full'; ordinal: number };
}

const MEMORY_REF = /@memory:([A-Za-z0-9_-]{1,64})/g;
const DOCUMENT_COMMAND = /^#(summary|full)_doc_(\d{1,4})$/i;

export function parseChatMessage(raw: string): ParsedMessage {
  const result: ParsedMessage = {
    text: '',
    temporary: false,
    deletePreviousTurn: false,
    memoryIds: [],
  };
  let rest = raw.trimStart();
  // Several commands may be chained at the start: "/temp /detailed 3 explain …".
  for (;;) {
    const title = /^\/(?:title|set_title)\s+([^\n]+)(?:\n|$)/i.exec(rest);
    if (title?.[1]) {
      result.title = title[1].trim().slice(0, 200);
      rest = rest.slice(title[0].length).trimStart();
      continue;
    }
    const temp = /^\/(?:temp|temporary)(?:\s+|$)/i.exec(rest);
    if (temp) {
      result.temporary = true;
      rest = rest.slice(temp[0].length);
      continue;
    }
    const history = /^\/history\s+(\d{1,3})(?:\s+|$)/i.exec(rest);
    if (history?.[1]) {
      result.historyTurns = Math.min(100, Number(history[1]));
      rest = rest.slice(history[0].length);
      continue;
    }
    const detail = /^\/detailed\s+([1-4])(?:\s+|$)/i.exec(rest);
    if (detail?.[1]) {
      result.detail = Number(detail[1]) as 1 | 2 | 3 | 4;
      rest = rest.slice(detail[0].length);
      continue;
    }
    const del = /^\/delete(?:\s+|$)/i.exec(rest);
    if (del) {
      result.deletePreviousTurn = true;
      rest = rest.slice(del[0].length);
      continue;
    }
    break;
  }
  result.memoryIds = [...new Set([...rest.matchAll(MEMORY_REF)].map((m) => m[1] ?? ''))].filter(
    Boolean,
  );
  result.text = rest.trim();
  const documentCommand = DOCUMENT_COMMAND.exec(result.text);
  if (documentCommand?.[1] && documentCommand[2]) {
    result.documentCommand = {
      kind: documentCommand[1].toLowerCase() === 'full' ? 'full' : 'summary',
      ordinal: Number(documentCommand[2]),
    };
  }
  return result;
}

/** Whether the user asked for the memory pad in words ("memory pad", "memory_pad"). */
export function mentionsMemoryPad(text: string): boolean {
  return /\bmemory[ _]pad\b/i.test(text);
}
