/** CSV/TSV and JSON: a searchable rendering plus a small table preview. */
import type { DocumentPreview } from '@margin/shared';
import Papa from 'papaparse';

import { decodeText, normalizeText } from './decode.js';
import { DocumentRejected } from './errors.js';
import type { ExtractedDocument } from './types.js';

const PREVIEW_ROWS = 20;
const MAX_CELL = 500;
const MAX_COLUMNS = 200;

interface Table {
  columns: string[];
  rows: string[][];
}

/** Unique, non-empty column names: blank headers become "Column N", repeats get a suffix. */
function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base} (${count + 1})`;
  });
}

function cap(value: string): string {
  return value.length > MAX_CELL ? `${value.slice(0, MAX_CELL - 1)}…` : value;
}

function preview(table: Table): DocumentPreview {
  const width = table.columns.length;
  return {
    columns: table.columns,
    rows: table.rows
      .slice(0, PREVIEW_ROWS)
      .map((row) => Array.from({ length: width }, (_, i) => cap(row[i] ?? ''))),
    totalRows: table.rows.length,
  };
}

/** One line per row, "column: value; …", skipping empty cells, so rows can be found by search. */
function renderRows(table: Table): string {
  const lines: string[] = [];
  for (const row of table.rows) {
    const cells: string[] = [];
    row.forEach((value, i) => {
      const v = value.replace(/\s+/g, ' ').trim();
      if (v !== '') cells.push(`${table.columns[i] ?? `Column ${i + 1}`}: ${v}`);
    });
    if (cells.length > 0) lines.push(cells.join('; '));
  }
  return lines.join('\n');
}

function parseDelimited(text: string, tsv: boolean): Table {
  const result = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    // Auto-detection guesses wrong on single-column files; a .tsv is tab-separated by name.
    delimiter: tsv ? '\t' : '',
  });
  const [header, ...rows] = result.data;
  if (header === undefined) throw new DocumentRejected('This table has no rows.');
  // Papaparse reports ragged rows as errors but still parses them; only give up on nothing.
  return { columns: columnNames(header.slice(0, MAX_COLUMNS)), rows };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonTable(items: Record<string, unknown>[]): Table {
  const keys = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item)) {
      if (keys.size >= MAX_COLUMNS) break;
      keys.add(key);
    }
  }
  const columns = [...keys];
  return { columns, rows: items.map((item) => columns.map((key) => cellText(item[key]))) };
}

export function extractTable(args: {
  bytes: Uint8Array;
  kind: 'csv' | 'json';
  mimeType: string;
  filename: string;
}): ExtractedDocument {
  const source = normalizeText(decodeText(args.bytes, args.mimeType));
  if (source.trim() === '') throw new DocumentRejected('This file has no text in it.');

  if (args.kind === 'csv') {
    const tsv =
      args.mimeType.startsWith('text/tab-separated-values') || /\.tsv$/i.test(args.filename);
    const table = parseDelimited(source, tsv);
    const text = renderRows(table) || table.columns.join('; ');
    return { kind: 'csv', pages: [{ page: 1, text }], preview: preview(table) };
  }

  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    throw new DocumentRejected(`This JSON file could not be read: it is not valid JSON${detail}.`);
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
    const table = jsonTable(value);
    return { kind: 'json', pages: [{ page: 1, text: renderRows(table) }], preview: preview(table) };
  }
  return { kind: 'json', pages: [{ page: 1, text: JSON.stringify(value, null, 2) }] };
}
