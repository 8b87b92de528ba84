/**
 * pdf.js, loaded only when a PDF is opened (this module is behind a dynamic import). The worker
 * and the data files (CMaps for CJK text, the standard fonts) are same-origin build assets, so
 * the app's CSP (`worker-src 'self'`, `connect-src 'self'`) allows them; eval is not used.
 */
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

type UrlMap = Record<string, string>;

// Emitted as files (never inlined as data: URLs, which `connect-src 'self'` would refuse).
const cmapFiles: UrlMap = import.meta.glob('/node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});
const fontFiles: UrlMap = import.meta.glob(
  [
    '/node_modules/pdfjs-dist/standard_fonts/*.pfb',
    '/node_modules/pdfjs-dist/standard_fonts/*.ttf',
  ],
  { query: '?url&no-inline', import: 'default', eager: true },
);

function byName(files: UrlMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, url] of Object.entries(files))
    out.set(path.slice(path.lastIndexOf('/') + 1), url);
  return out;
}

const DATA_FILES: Record<string, Map<string, string>> = {
  cMapUrl: byName(cmapFiles),
  standardFontDataUrl: byName(fontFiles),
};

/**
 * Serves pdf.js's data files by name from the hashed build assets (pdf.js asks for
 * `<baseUrl><filename>`; the base URLs below are only markers).
 */
class BundledDataFactory {
  readonly cMapUrl = 'bundled:/';
  readonly standardFontDataUrl = 'bundled:/';
  readonly wasmUrl = null;

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = DATA_FILES[kind]?.get(filename);
    if (!url) throw new Error(`pdf.js data file not bundled: ${kind} ${filename}`);
    const response = await fetch(url);
    if (!response.ok)
      throw new Error(`Unable to load ${filename} (HTTP ${String(response.status)})`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

export type PdfDocument = pdfjs.PDFDocumentProxy;
export type PdfPage = pdfjs.PDFPageProxy;
export type PdfLoadingTask = pdfjs.PDFDocumentLoadingTask;

export function openPdf(url: string): PdfLoadingTask {
  return pdfjs.getDocument({
    url,
    isEvalSupported: false,
    // WebAssembly decoders would need 'wasm-unsafe-eval' in the CSP; the JS paths are used.
    useWasm: false,
    useWorkerFetch: false,
    cMapUrl: 'bundled:/',
    cMapPacked: true,
    standardFontDataUrl: 'bundled:/',
    BinaryDataFactory: BundledDataFactory,
  });
}

/** 100 % zoom shows the page at its printed size (PDF points → CSS pixels). */
export const CSS_UNITS = pdfjs.PixelsPerInch.PDF_TO_CSS_UNITS;

export type PdfRenderTask = ReturnType<PdfPage['render']>;

export {
  InvalidPDFException,
  RenderingCancelledException,
  ResponseException,
  TextLayer,
} from 'pdfjs-dist';
