/**
 * SSRF-safe fetch of a public http(s) URL: every hop's host is resolved and checked, and the
 * connection goes to the checked address (a second DNS answer cannot swap in a private one).
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

import { DocumentRejected } from './errors.js';
import { extensionOf, sanitizeFilename } from './filename.js';
import { assertPublicAddress, isIpLiteral } from './ip.js';
import type { FetchedUrl, FetchOptions } from './types.js';

/** Content types Margin fetches, with the extension a fetched file gets when its name lacks one. */
const ACCEPTED: Record<string, { ext: string; keep: string[] }> = {
  'application/pdf': { ext: 'pdf', keep: ['pdf'] },
  'text/html': { ext: 'html', keep: ['html', 'htm', 'xhtml'] },
  'application/xhtml+xml': { ext: 'html', keep: ['html', 'htm', 'xhtml'] },
  // Raw file hosts serve Markdown, CSV and JSON as text/plain; keep such names.
  'text/plain': {
    ext: 'txt',
    keep: ['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'json', 'log'],
  },
  'text/markdown': { ext: 'md', keep: ['md', 'markdown'] },
  'text/x-markdown': { ext: 'md', keep: ['md', 'markdown'] },
  'text/csv': { ext: 'csv', keep: ['csv'] },
  'text/tab-separated-values': { ext: 'tsv', keep: ['tsv'] },
  'application/json': { ext: 'json', keep: ['json'] },
};
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Mozilla/5.0 (compatible; Margin document fetcher)';

function parseAddress(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DocumentRejected('That is not a valid web address. It should start with https://.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DocumentRejected(
      `Margin only fetches http:// and https:// addresses, not ${url.protocol}// ones.`,
    );
  }
  if (url.hostname === '') throw new DocumentRejected('That web address has no site name in it.');
  return url;
}

export interface Target {
  address: string;
  family: 4 | 6;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const defaultResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** Decides where a hop may connect; throws DocumentRejected to refuse it. */
export type HopPolicy = (url: URL, hop: number) => Promise<Target[]>;

/**
 * Resolves the host (all addresses) and refuses if any of them is private, unless allowed.
 * Returns every checked address, so dual-stack hosts still connect when one family fails.
 */
export async function resolvePublicTarget(
  url: URL,
  allowPrivate: boolean,
  resolve: Resolver = defaultResolver,
): Promise<Target[]> {
  // URL parsing already normalised literal IPs (0x7f000001 → 127.0.0.1); IPv6 keeps brackets.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIpLiteral(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new DocumentRejected(`The site “${host}” could not be found. Check the address.`);
    }
  }
  // Any private answer refuses the host: an attacker's DNS may mix public and private records.
  if (!allowPrivate) for (const { address } of addresses) assertPublicAddress(address);
  if (addresses.length === 0) {
    throw new DocumentRejected(`The site “${host}” could not be found. Check the address.`);
  }
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** A DNS lookup that only ever answers with the addresses already checked. */
function pinnedLookup(targets: Target[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = targets[0];
    if (options.all) callback(null, targets);
    else if (first) callback(null, first.address, first.family);
    else callback(new Error('no address'), '', 4);
  };
}

function request(url: URL, targets: Target[], signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method: 'GET',
      signal,
      lookup: pinnedLookup(targets),
      // No shared pool: a pooled socket could belong to an earlier, differently-checked hop.
      agent: false,
      headers: {
        'user-agent': USER_AGENT,
        accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,text/*;q=0.8,*/*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      },
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return res;
  res.on('error', (error) => decoder.destroy(error));
  return res.pipe(decoder);
}

/** Reads the body, stopping as soon as it exceeds maxBytes (decompressed, so no zip bombs). */
async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new DocumentRejected(`The page is larger than ${formatSize(maxBytes)}.`);
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const stream = decoded(res);
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const part of stream) {
      const buffer = Buffer.isBuffer(part) ? part : Buffer.from(String(part));
      total += buffer.length;
      if (total > maxBytes) throw tooLarge();
      parts.push(buffer);
    }
  } catch (error) {
    if (error instanceof DocumentRejected) throw error;
    if (stream !== res) {
      throw new DocumentRejected('The page could not be read: its compressed content is damaged.');
    }
    throw error;
  } finally {
    res.destroy();
    if (stream !== res) stream.destroy();
  }
  return new Uint8Array(Buffer.concat(parts));
}

function mimeOf(header: string | undefined): { mime: string; charset?: string } {
  const [type = '', ...params] = (header ?? '').split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^"\s]+)"?\s*$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { mime: type.trim().toLowerCase(), charset: charset?.toLowerCase() };
}

function acceptedType(mime: string): string | undefined {
  if (ACCEPTED[mime]) return mime;
  if (/^application\/[\w.+-]+\+json$/.test(mime)) return 'application/json';
  return undefined;
}

/** RFC 6266: filename* (RFC 5987, UTF-8) wins over filename. */
export function filenameFromDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  const value = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim();
  return value === '' ? undefined : value;
}

function filenameFor(url: URL, disposition: string | undefined, mime: string): string {
  let name = filenameFromDisposition(disposition);
  if (name === undefined) {
    const segment =
      url.pathname
        .split('/')
        .filter((s) => s !== '')
        .pop() ?? '';
    try {
      name = decodeURIComponent(segment);
    } catch {
      name = segment;
    }
    if (name === '') name = url.hostname.replace(/^\[|\]$/g, '');
  }
  // The name must agree with the content, since type detection reads the extension.
  const accepted = ACCEPTED[mime];
  if (accepted && !accepted.keep.includes(extensionOf(name))) name = `${name}.${accepted.ext}`;
  return sanitizeFilename(name);
}

function describeNetworkError(error: unknown): DocumentRejected {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  if (code === 'ECONNREFUSED') return new DocumentRejected('The site refused the connection.');
  if (code === 'ECONNRESET' || code === 'EPIPE')
    return new DocumentRejected('The site closed the connection before sending the page.');
  if (typeof code === 'string' && /CERT|SSL|TLS/.test(code))
    return new DocumentRejected(
      'The site’s security certificate is not valid, so Margin did not fetch it.',
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new DocumentRejected('The site could not be reached from the server.');
  return new DocumentRejected('The page could not be fetched. Check the address and try again.');
}

/** DNS lookups cannot be cancelled; stop waiting for one when the fetch is aborted or times out. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** SSRF-safe fetch of a public http(s) URL. */
export function fetchPublicUrl(url: string, opts: FetchOptions): Promise<FetchedUrl> {
  return fetchWithPolicy(url, opts, (hop) => resolvePublicTarget(hop, opts.allowPrivate));
}

/** The fetch loop with the address policy injected (tests use it to vary the policy per hop). */
export async function fetchWithPolicy(
  url: string,
  opts: FetchOptions,
  policy: HopPolicy,
): Promise<FetchedUrl> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    let current = parseAddress(url);
    for (let hop = 0; ; hop++) {
      const targets = await untilAborted(policy(current, hop), signal);
      const res = await request(current, targets, signal);
      const status = res.statusCode ?? 0;

      if (REDIRECTS.has(status)) {
        res.destroy(); // never download a body that will not be used
        const location = res.headers.location;
        if (!location)
          throw new DocumentRejected(
            `The site answered with a redirect (HTTP ${status}) to nowhere.`,
          );
        if (hop >= opts.maxRedirects) {
          throw new DocumentRejected(
            `That address redirects too many times (more than ${opts.maxRedirects}).`,
          );
        }
        // Each hop is checked again: a public page may redirect to an internal one.
        current = parseAddress(new URL(location, current).href);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy(); // never download a body that will not be used
        throw new DocumentRejected(`The site answered with an error (HTTP ${status}).`);
      }

      const { mime, charset } = mimeOf(res.headers['content-type']);
      let type = acceptedType(mime);
      // Servers often label PDFs as generic binary; only the bytes can tell.
      const sniff = type === undefined && (mime === '' || mime === 'application/octet-stream');
      if (type === undefined && !sniff) {
        res.destroy(); // never download a body that will not be used
        throw new DocumentRejected(
          `Margin fetches web pages, PDFs and text files; this address returns ${mime}. ` +
            'Download the file and upload it instead.',
        );
      }
      const bytes = await readBody(res, opts.maxBytes);
      if (type === undefined) {
        if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) {
          throw new DocumentRejected(
            'This address returns a file of unknown type. Download it and upload it instead.',
          );
        }
        type = 'application/pdf';
      }
      return {
        bytes,
        contentType: charset ? `${type}; charset=${charset}` : type,
        finalUrl: current.href,
        filename: filenameFor(current, res.headers['content-disposition'], type),
      };
    }
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason;
    if (timeout.aborted) {
      throw new DocumentRejected(
        `The site took too long to answer (more than ${Number((opts.timeoutMs / 1000).toFixed(1))} s).`,
      );
    }
    if (error instanceof DocumentRejected) throw error;
    throw describeNetworkError(error);
  }
}
