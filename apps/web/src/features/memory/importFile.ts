/** Reading an exported memory file back: parsed, validated, summarised for the confirmation. */
import { pkbExportSchema, type PkbExport } from '@margin/shared';

export type ParsedImport = { ok: true; data: PkbExport } | { ok: false; error: string };

export function parseExportFile(text: string): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This file is not JSON. Choose a file exported from Memory.' };
  }
  const parsed = pkbExportSchema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue && (issue.path[0] === 'format' || issue.path[0] === 'version')) {
    return {
      ok: false,
      error: 'This is not a Margin memory export (format “margin-pkb”, version 1).',
    };
  }
  const where = issue ? issue.path.map(String).join('.') : '';
  return {
    ok: false,
    error: `The file has an invalid entry${where ? ` at ${where}` : ''}: ${issue?.message ?? 'unknown problem'}`,
  };
}

export function exportFilename(now: Date = new Date()): string {
  return `margin-memory-${now.toISOString().slice(0, 10)}.json`;
}
