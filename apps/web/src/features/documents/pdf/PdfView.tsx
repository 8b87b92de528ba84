import './pdf.css';
import { ChevronDown, ChevronUp, FileWarning, ZoomIn, ZoomOut } from 'lucide-react';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import {
  Button,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  EmptyState,
  IconButton,
  Spinner,
} from '../../../components';
import { cn } from '../../../lib/cn';
import {
  clampPage,
  computeScale,
  pageAtOffset,
  PAGE_PADDING,
  parsePageNumber,
  stepZoom,
  ZOOM_STEPS,
  type Size,
  type Zoom,
} from './layout';
import {
  CSS_UNITS,
  InvalidPDFException,
  openPdf,
  RenderingCancelledException,
  ResponseException,
  TextLayer,
  type PdfDocument,
  type PdfRenderTask,
} from './pdfjs';

/** Gap between pages (CSS px). */
const PAGE_GAP = 12;
/** Canvases larger than this many device pixels are rendered at a lower pixel ratio. */
const MAX_CANVAS_PIXELS = 16_000_000;
/** How long the cited page stays highlighted. */
const FLASH_MS = 2500;

function loadError(error: unknown): string {
  if (error instanceof InvalidPDFException) return "This file isn't a readable PDF.";
  if (error instanceof ResponseException) {
    if (error.status === 404) return 'The file is no longer on the server.';
    if (error.status === 401 || error.status === 403) return 'Sign in again to view this file.';
    return `Couldn't download the PDF (HTTP ${String(error.status)}).`;
  }
  if (error instanceof Error && error.name === 'PasswordException') {
    return 'This PDF is protected with a password. Download it to open it.';
  }
  return error instanceof Error
    ? `Couldn't open the PDF: ${error.message}`
    : "Couldn't open the PDF.";
}

interface LoadState {
  pdf: PdfDocument | null;
  loaded: number;
  total: number;
  error: string | null;
}

function usePdf(url: string): LoadState {
  const [state, setState] = useState<LoadState>({ pdf: null, loaded: 0, total: 0, error: null });
  useEffect(() => {
    let alive = true;
    const task = openPdf(url);
    task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
      if (alive) setState((s) => ({ ...s, loaded, total }));
    };
    task.promise.then(
      (pdf) => {
        if (alive) setState((s) => ({ ...s, pdf }));
      },
      (error: unknown) => {
        if (alive) setState((s) => ({ ...s, error: loadError(error) }));
      },
    );
    return () => {
      alive = false;
      void task.destroy();
    };
  }, [url]);
  return state;
}

export interface PdfViewProps {
  /** Same-origin URL of the PDF bytes. */
  url: string;
  title: string;
  /** Page to open at (1-based); applied again whenever `request` changes. */
  page?: number | undefined;
  request: number;
}

/** A PDF rendered with pdf.js: pages (canvas + selectable text), page navigation and zoom. */
export function PdfView({ url, title, page, request }: PdfViewProps) {
  const state = usePdf(url);
  if (state.error) {
    return (
      <EmptyState
        icon={<FileWarning />}
        title="Couldn't show this PDF"
        description={`${state.error} You can still download it.`}
        className="flex-1"
      />
    );
  }
  if (!state.pdf) {
    const percent = state.total > 0 ? Math.round((state.loaded / state.total) * 100) : null;
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-sm text-fg-muted">
        <Spinner size="md" />
        <p>Loading the PDF{percent === null ? '…' : ` · ${String(percent)}%`}</p>
        <div
          role="progressbar"
          aria-label="Loading the PDF"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          className="h-1 w-48 overflow-hidden rounded-full bg-accent/15"
        >
          <div
            className="h-full bg-accent transition-[width]"
            style={{ width: `${String(percent ?? 5)}%` }}
          />
        </div>
      </div>
    );
  }
  return <PdfPages pdf={state.pdf} title={title} page={page} request={request} />;
}

function zoomValue(zoom: Zoom): string {
  return zoom.kind === 'scale' ? String(zoom.value) : zoom.kind;
}

function PdfPages({
  pdf,
  title,
  page,
  request,
}: {
  pdf: PdfDocument;
  title: string;
  page: number | undefined;
  request: number;
}) {
  const pageCount = pdf.numPages;
  const scroller = useRef<HTMLDivElement>(null);
  const pageEls = useRef<(HTMLDivElement | null)[]>([]);
  const [base, setBase] = useState<Size | null>(null);
  const [sizes, setSizes] = useState<Record<number, Size>>({});
  const [area, setArea] = useState<Size>({ width: 0, height: 0 });
  const [zoom, setZoom] = useState<Zoom>({ kind: 'fit-width' });
  const [current, setCurrent] = useState(() => clampPage(page, pageCount));
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());
  const [flash, setFlash] = useState<number | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  // Where the reader is: page index and how far into it, kept across zoom and re-layout.
  const anchor = useRef({ index: clampPage(page, pageCount) - 1, fraction: 0 });

  const scale = computeScale(zoom, base, area);

  // Page sizes at 100 %: the first one at once, the others in the background.
  useEffect(() => {
    const life = new AbortController();
    const alive = () => !life.signal.aborted;
    void (async () => {
      const first = await pdf.getPage(1);
      if (!alive()) return;
      const viewport = first.getViewport({ scale: CSS_UNITS });
      setBase({ width: viewport.width, height: viewport.height });
      let batch: Record<number, Size> = {};
      for (let n = 2; n <= pageCount && alive(); n += 1) {
        const p = await pdf.getPage(n);
        const v = p.getViewport({ scale: CSS_UNITS });
        if (
          Math.abs(v.width - viewport.width) > 0.5 ||
          Math.abs(v.height - viewport.height) > 0.5
        ) {
          batch[n] = { width: v.width, height: v.height };
        }
        if (n % 50 === 0 || n === pageCount) {
          const found = batch;
          batch = {};
          if (alive() && Object.keys(found).length > 0) setSizes((s) => ({ ...s, ...found }));
        }
      }
    })().catch(() => {
      /* sizes stay estimated from the first page */
    });
    return () => {
      life.abort();
    };
  }, [pdf, pageCount]);

  // The scroller's size (fit-width / fit-page follow it).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // Arrow keys and Page Up/Down scroll the pages at once when nothing else took the focus.
    if (document.activeElement?.getAttribute('role') === 'dialog') {
      element.focus({ preventScroll: true });
    }
    const measure = () => {
      setArea((prev) =>
        prev.width === element.clientWidth && prev.height === element.clientHeight
          ? prev
          : { width: element.clientWidth, height: element.clientHeight },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);

  const registerPage = useCallback((number: number, el: HTMLDivElement | null) => {
    pageEls.current[number - 1] = el;
  }, []);

  const rememberAnchor = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const tops = pageEls.current.map((el) => el?.offsetTop ?? 0);
    const y = element.scrollTop + element.clientHeight * 0.3;
    const number = pageAtOffset(tops, y);
    const el = pageEls.current[number - 1];
    const fraction = el ? (element.scrollTop - el.offsetTop) / Math.max(1, el.offsetHeight) : 0;
    anchor.current = { index: number - 1, fraction };
    setCurrent(number);
  }, []);

  const goToPage = useCallback((number: number, options: { flash?: boolean } = {}) => {
    const element = scroller.current;
    const target = pageEls.current[number - 1];
    anchor.current = {
      index: number - 1,
      fraction: -PAGE_GAP / Math.max(1, target?.offsetHeight ?? 1),
    };
    setCurrent(number);
    if (options.flash) setFlash(number);
    if (element && target) element.scrollTop = target.offsetTop - PAGE_GAP;
  }, []);

  // After a zoom or a re-layout, put the reader back where they were.
  useLayoutEffect(() => {
    const element = scroller.current;
    const target = pageEls.current[anchor.current.index];
    if (!element || !target) return;
    element.scrollTop = target.offsetTop + anchor.current.fraction * target.offsetHeight;
  }, [scale, sizes, base]);

  // Open at the requested (cited) page, again for every new request.
  const applied = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (!base || applied.current === request) return;
    applied.current = request;
    const number = clampPage(page, pageCount);
    goToPage(number, { flash: page !== undefined });
  }, [base, request, page, pageCount, goToPage]);

  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => {
      setFlash(null);
    }, FLASH_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [flash]);

  // Which pages are near the visible area (rendered); the others are placeholders.
  useEffect(() => {
    const root = scroller.current;
    if (!root || !base) return;
    const observer = new IntersectionObserver(
      (entries) => {
        setNear((prev) => {
          const next = new Set(prev);
          for (const entry of entries) {
            const number = Number((entry.target as HTMLElement).dataset.pageNumber);
            if (entry.isIntersecting) next.add(number);
            else next.delete(number);
          }
          return next;
        });
      },
      { root, rootMargin: '150% 0px' },
    );
    for (const el of pageEls.current) if (el) observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [base, pageCount]);

  const frame = useRef(0);
  const onScroll = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      rememberAnchor();
    });
  };
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
    },
    [],
  );

  const commitDraft = () => {
    if (draft === null) return;
    const number = parsePageNumber(draft, pageCount);
    setDraft(null);
    if (number !== null) goToPage(number);
  };

  const percent = Math.round(scale * 100);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex min-h-11 shrink-0 flex-wrap items-center gap-1 border-b border-line px-2 py-1 sm:px-3">
        <IconButton
          label="Previous page"
          icon={<ChevronUp />}
          size="sm"
          disabled={current <= 1}
          onClick={() => {
            goToPage(current - 1);
          }}
        />
        <form
          className="flex items-center gap-1.5 text-sm text-fg-muted"
          onSubmit={(event) => {
            event.preventDefault();
            commitDraft();
          }}
        >
          <input
            aria-label="Page number"
            inputMode="numeric"
            autoComplete="off"
            value={draft ?? String(current)}
            onChange={(event) => {
              setDraft(event.target.value);
            }}
            onFocus={(event) => {
              event.target.select();
            }}
            onBlur={commitDraft}
            className="h-8 w-12 rounded-md border border-line-strong bg-raised text-center text-sm text-fg tabular-nums focus-visible:border-accent focus-visible:ring-3 focus-visible:ring-accent/20 focus-visible:outline-none"
          />
          <span className="tabular-nums" data-testid="pdf-page-count">
            of {pageCount}
          </span>
        </form>
        <IconButton
          label="Next page"
          icon={<ChevronDown />}
          size="sm"
          disabled={current >= pageCount}
          onClick={() => {
            goToPage(current + 1);
          }}
        />
        <span aria-hidden className="mx-1 h-5 w-px bg-line" />
        <IconButton
          label="Zoom out"
          icon={<ZoomOut />}
          size="sm"
          onClick={() => {
            setZoom({ kind: 'scale', value: stepZoom(scale, -1) });
          }}
        />
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Zoom: ${String(percent)}%`}
              className="px-2 tabular-nums"
            >
              {percent}%
              <ChevronDown className="size-3.5! opacity-60" />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="min-w-40">
            <DropdownMenuRadioGroup
              value={zoomValue(zoom)}
              onValueChange={(value) => {
                if (value === 'fit-width' || value === 'fit-page') setZoom({ kind: value });
                else setZoom({ kind: 'scale', value: Number(value) });
              }}
            >
              <DropdownMenuRadioItem value="fit-width">Fit width</DropdownMenuRadioItem>
              <DropdownMenuRadioItem value="fit-page">Whole page</DropdownMenuRadioItem>
              <DropdownMenuSeparator />
              {ZOOM_STEPS.map((step) => (
                <DropdownMenuRadioItem key={step} value={String(step)}>
                  {Math.round(step * 100)}%
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
          </DropdownMenuContent>
        </DropdownMenu>
        <IconButton
          label="Zoom in"
          icon={<ZoomIn />}
          size="sm"
          onClick={() => {
            setZoom({ kind: 'scale', value: stepZoom(scale, 1) });
          }}
        />
        <span className="sr-only" aria-live="polite">
          Page {current} of {pageCount}
        </span>
      </div>
      <div
        ref={scroller}
        role="region"
        aria-label={`${title}, PDF pages`}
        tabIndex={0}
        onScroll={onScroll}
        className="scrollbar-thin relative min-h-0 flex-1 overflow-auto bg-soft outline-none [scrollbar-gutter:stable] focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
      >
        <div
          className="mx-auto flex w-max min-w-full flex-col items-center"
          style={{ gap: PAGE_GAP, padding: PAGE_PADDING }}
        >
          {base
            ? Array.from({ length: pageCount }, (_, index) => {
                const number = index + 1;
                const size = sizes[number] ?? base;
                return (
                  <PdfPageView
                    key={number}
                    pdf={pdf}
                    number={number}
                    scale={scale}
                    width={size.width * scale}
                    height={size.height * scale}
                    near={near.has(number)}
                    flash={flash === number}
                    register={registerPage}
                  />
                );
              })
            : null}
        </div>
      </div>
    </div>
  );
}

const PdfPageView = memo(function PdfPageView({
  pdf,
  number,
  scale,
  width,
  height,
  near,
  flash,
  register,
}: {
  pdf: PdfDocument;
  number: number;
  scale: number;
  width: number;
  height: number;
  near: boolean;
  flash: boolean;
  register: (number: number, el: HTMLDivElement | null) => void;
}) {
  const canvasHost = useRef<HTMLDivElement>(null);
  const textHost = useRef<HTMLDivElement>(null);
  const [rendered, setRendered] = useState(false);
  const [failed, setFailed] = useState(false);
  const viewportScale = scale * CSS_UNITS;

  useEffect(() => {
    const canvases = canvasHost.current;
    const text = textHost.current;
    if (!canvases || !text) return;
    if (!near) {
      // Far from view: free the bitmap and the text spans.
      canvases.replaceChildren();
      text.replaceChildren();
      setRendered(false);
      return;
    }
    const life = new AbortController();
    const cancelled = () => life.signal.aborted;
    let renderTask: PdfRenderTask | undefined;
    let textLayer: TextLayer | undefined;
    void (async () => {
      const page = await pdf.getPage(number);
      if (cancelled()) return;
      const viewport = page.getViewport({ scale: viewportScale });
      let ratio = Math.min(window.devicePixelRatio || 1, 2);
      const area = viewport.width * viewport.height;
      if (area * ratio * ratio > MAX_CANVAS_PIXELS) ratio = Math.sqrt(MAX_CANVAS_PIXELS / area);
      // Rendered off-screen, then swapped in: zooming never flashes a blank page.
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(viewport.width * ratio));
      canvas.height = Math.max(1, Math.floor(viewport.height * ratio));
      canvas.setAttribute('aria-hidden', 'true');
      renderTask = page.render({
        canvas,
        viewport,
        ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }),
      });
      await renderTask.promise;
      if (cancelled()) return;
      canvases.replaceChildren(canvas);
      setRendered(true);
      setFailed(false);
      text.replaceChildren();
      textLayer = new TextLayer({
        textContentSource: page.streamTextContent(),
        container: text,
        viewport,
      });
      await textLayer.render();
    })().catch((error: unknown) => {
      if (cancelled() || error instanceof RenderingCancelledException) return;
      setFailed(true);
    });
    return () => {
      life.abort();
      renderTask?.cancel();
      textLayer?.cancel();
    };
  }, [pdf, number, viewportScale, near]);

  return (
    <div
      ref={(el) => {
        register(number, el);
      }}
      data-page-number={number}
      className={cn(
        'pdf-page relative shrink-0 bg-white shadow-[0_1px_3px_rgb(0_0_0/0.12),0_0_0_1px_rgb(0_0_0/0.04)] transition-shadow duration-500',
        flash && 'shadow-[0_0_0_3px_var(--accent),0_8px_24px_-6px_rgb(0_0_0/0.3)]',
      )}
      style={{ width, height, '--scale-factor': String(viewportScale) } as CSSProperties}
    >
      <span className="sr-only">Page {number}</span>
      <div ref={canvasHost} className="absolute inset-0" />
      <div ref={textHost} className="textLayer" />
      {!rendered ? (
        <div className="absolute inset-0 flex items-center justify-center text-sm text-zinc-400">
          {failed ? `Page ${String(number)} couldn't be drawn` : <Spinner size="sm" />}
        </div>
      ) : null}
      {flash ? (
        <span className="absolute top-2 right-2 rounded-md bg-accent px-2 py-0.5 text-xs font-medium text-accent-fg shadow-sm">
          Cited page {number}
        </span>
      ) : null}
    </div>
  );
});
