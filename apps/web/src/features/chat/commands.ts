/**
 * Slash commands understood by the server at the start of a message (they chain:
 * `/temp /detailed 3 explain …`). The palette offers them; `parseCommands` mirrors the server's
 * parser closely enough to show the turn the way the server will store it.
 */
export interface SlashCommand {
  /**
   * Typed before the name: `/` for commands (the default), `#` for document references, `@` for
   * memory references.
   */
  sigil?: '/' | '#' | '@';
  name: string;
  /** Shown instead of sigil + name when the name is not for reading (a memory's id). */
  label?: string;
  /** Placeholder for the argument, e.g. `<N>`. */
  args?: string;
  description: string;
}

export const SLASH_COMMANDS: readonly SlashCommand[] = [
  { name: 'temp', args: '<question>', description: 'Answer without saving this turn' },
  { name: 'title', args: '<title>', description: 'Set and lock the conversation title' },
  { name: 'history', args: '<N>', description: 'Use only the last N turns as context' },
  { name: 'detailed', args: '<1–4>', description: 'Answer depth: 1 brief … 4 exhaustive' },
  { name: 'delete', description: 'Delete the previous turn first' },
];

/** The token being typed when the palette should open: text after the last chained command. */
export function paletteQuery(text: string, caret: number): { query: string; start: number } | null {
  const before = text.slice(0, caret);
  // Commands are only read at the start, possibly after other complete commands.
  const match =
    /^\s*((?:\/(?:temp|temporary|delete)\s+|\/(?:history\s+\d{1,3}|detailed\s+[1-4])\s+)*)\/([A-Za-z_]*)$/i.exec(
      before,
    );
  if (!match) return null;
  const query = match[2] ?? '';
  return { query: query.toLowerCase(), start: before.length - query.length - 1 };
}

export function matchCommands(query: string): SlashCommand[] {
  return SLASH_COMMANDS.filter((c) => c.name.startsWith(query));
}

/** Replaces the typed `/que` (or `#que`) token with the full command and a space. */
export function insertCommand(
  text: string,
  start: number,
  caret: number,
  command: SlashCommand,
): { text: string; caret: number } {
  const inserted = `${command.sigil ?? '/'}${command.name} `;
  return {
    text: text.slice(0, start) + inserted + text.slice(caret).replace(/^\S*\s?/, ''),
    caret: start + inserted.length,
  };
}

export interface ParsedCommands {
  /** The text the server answers (and stores), commands removed. */
  text: string;
  title?: string;
  temporary: boolean;
  deletePreviousTurn: boolean;
}

export function parseCommands(raw: string): ParsedCommands {
  const out: ParsedCommands = { text: '', temporary: false, deletePreviousTurn: false };
  let rest = raw.trimStart();
  for (;;) {
    const title = /^\/(?:title|set_title)\s+([^\n]+)(?:\n|$)/i.exec(rest);
    if (title?.[1]) {
      out.title = title[1].trim();
      rest = rest.slice(title[0].length).trimStart();
      continue;
    }
    const simple = /^\/(temp|temporary|delete)(?:\s+|$)/i.exec(rest);
    if (simple?.[1]) {
      if (simple[1].toLowerCase() === 'delete') out.deletePreviousTurn = true;
      else out.temporary = true;
      rest = rest.slice(simple[0].length);
      continue;
    }
    const withNumber = /^\/(?:history\s+\d{1,3}|detailed\s+[1-4])(?:\s+|$)/i.exec(rest);
    if (withNumber) {
      rest = rest.slice(withNumber[0].length);
      continue;
    }
    break;
  }
  out.text = rest.trim();
  return out;
}
