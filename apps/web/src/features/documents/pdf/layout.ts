/** Pure layout maths of the PDF view (zoom, page positions), kept apart to be tested. */

export type Zoom = { kind: 'fit-width' } | { kind: 'fit-page' } | { kind: 'scale'; value: number };

export const MIN_SCALE = 0.25;
export const MAX_SCALE = 4;
/** Zoom levels offered in the menu and stepped through by −/+. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;
/** Space around the pages inside the scroller (CSS px, each side). */
export const PAGE_PADDING = 16;

export interface Size {
  width: number;
  height: number;
}

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/**
 * The scale of a page whose size at 100 % is `page`, in a scroller of `area`. Fit width never
 * goes above 200 % on wide screens (a small page would become huge).
 */
export function computeScale(zoom: Zoom, page: Size | null, area: Size): number {
  if (zoom.kind === 'scale') return clampScale(zoom.value);
  if (!page || page.width <= 0 || page.height <= 0 || area.width <= 0) return 1;
  const width = (area.width - 2 * PAGE_PADDING) / page.width;
  if (zoom.kind === 'fit-width') return clampScale(Math.min(width, 2));
  const height = (area.height - 2 * PAGE_PADDING) / page.height;
  return clampScale(area.height > 0 ? Math.min(width, height) : width);
}

/** The next zoom step above (`+1`) or below (`-1`) the current scale. */
export function stepZoom(scale: number, direction: 1 | -1): number {
  const epsilon = 0.01;
  if (direction > 0) {
    return ZOOM_STEPS.find((step) => step > scale + epsilon) ?? MAX_SCALE;
  }
  return [...ZOOM_STEPS].reverse().find((step) => step < scale - epsilon) ?? MIN_SCALE;
}

/** The page (1-based) at vertical offset `y`, given each page's top offset in order. */
export function pageAtOffset(tops: readonly number[], y: number): number {
  let low = 0;
  let high = tops.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((tops[mid] ?? 0) <= y) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found + 1;
}

/** A typed page number, or null when it is not one of the document's pages. */
export function parsePageNumber(text: string, pageCount: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const page = Number(trimmed);
  return page >= 1 && page <= pageCount ? page : null;
}

/** A requested page clamped to the document (undefined → 1). */
export function clampPage(page: number | undefined, pageCount: number): number {
  if (page === undefined || !Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.round(page)), Math.max(1, pageCount));
}
