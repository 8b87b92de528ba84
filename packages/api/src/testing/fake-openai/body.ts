// Request bodies: reading with a size cap, and parsing JSON or multipart/form-data. The multipart
// parser is our own (RFC 7578): the platform's `Response#formData()` is marked deprecated for
// server use, and the fake needs only field values and file names, types and sizes.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';
import type { MultipartSummary } from './types.js';

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new HttpError(400, 'multipart/form-data without a boundary');
  return boundary;
}

/** Parameter of a header like `form-data; name="file"; filename="a.webm"`. */
function headerParam(header: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  return match?.[1]?.replace(/\\(.)/g, '$1');
}

function partHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Summarises a multipart body: text fields in full, files by name, type and size. */
function parseMultipart(contentType: string, raw: Buffer): MultipartSummary {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  // Every part after the first is introduced by CRLF + delimiter.
  const separator = Buffer.concat([CRLF, delimiter]);
  const summary: MultipartSummary = { kind: 'multipart', fields: {}, files: [] };
  let at = raw.indexOf(delimiter);
  if (at === -1) throw new HttpError(400, 'Malformed multipart/form-data body');
  at += delimiter.length;
  for (;;) {
    if (raw.toString('latin1', at, at + 2) === '--') return summary; // Closing delimiter.
    const headerStart = raw.indexOf(CRLF, at) + CRLF.length;
    const headerEnd = raw.indexOf(HEADER_END, headerStart - CRLF.length);
    const next = raw.indexOf(separator, headerEnd);
    if (headerStart < CRLF.length || headerEnd === -1 || next === -1) {
      throw new HttpError(400, 'Malformed multipart/form-data body');
    }
    const headers = partHeaders(raw.toString('utf8', headerStart, headerEnd));
    addPart(summary, headers, raw.subarray(headerEnd + HEADER_END.length, next));
    at = next + separator.length;
  }
}

function addPart(summary: MultipartSummary, headers: Record<string, string>, content: Buffer) {
  const disposition = headers['content-disposition'] ?? '';
  const field = headerParam(disposition, 'name');
  if (field === undefined) throw new HttpError(400, 'multipart part without a name');
  const filename = headerParam(disposition, 'filename');
  if (filename === undefined) {
    summary.fields[field] = content.toString('utf8');
    return;
  }
  const contentType = headers['content-type'] ?? 'application/octet-stream';
  summary.files.push({ field, filename, contentType, size: content.length });
}

/** Reads the whole body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `Request body over ${limit} bytes`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Parses a body by content type: JSON, a multipart summary, text, or undefined when empty. */
export function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data' && contentType) return parseMultipart(contentType, raw);
  if (raw.length === 0) return undefined;
  if (type === 'application/json') {
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      throw new HttpError(400, 'We could not parse the JSON body of your request.');
    }
  }
  return raw.toString('utf8');
}

export function isMultipart(body: unknown): body is MultipartSummary {
  return typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'multipart';
}
