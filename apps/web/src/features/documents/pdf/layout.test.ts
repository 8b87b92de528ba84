import { describe, expect, it } from 'vitest';
import {
  clampPage,
  computeScale,
  MAX_SCALE,
  MIN_SCALE,
  pageAtOffset,
  PAGE_PADDING,
  parsePageNumber,
  stepZoom,
} from './layout';

const LETTER = { width: 816, height: 1056 };

describe('computeScale', () => {
  it('fits the page width in the scroller, capped at 200 %', () => {
    const area = { width: 816 + 2 * PAGE_PADDING, height: 600 };
    expect(computeScale({ kind: 'fit-width' }, LETTER, area)).toBeCloseTo(1);
    expect(computeScale({ kind: 'fit-width' }, LETTER, { width: 5000, height: 600 })).toBe(2);
    expect(computeScale({ kind: 'fit-width' }, LETTER, { width: 100, height: 600 })).toBe(
      MIN_SCALE,
    );
  });

  it('fits the whole page, and uses explicit scales as given (clamped)', () => {
    const area = { width: 2000, height: 528 + 2 * PAGE_PADDING };
    expect(computeScale({ kind: 'fit-page' }, LETTER, area)).toBeCloseTo(0.5);
    expect(computeScale({ kind: 'scale', value: 1.5 }, null, area)).toBe(1.5);
    expect(computeScale({ kind: 'scale', value: 99 }, LETTER, area)).toBe(MAX_SCALE);
  });

  it('falls back to 100 % before anything is measured', () => {
    expect(computeScale({ kind: 'fit-width' }, null, { width: 800, height: 600 })).toBe(1);
    expect(computeScale({ kind: 'fit-width' }, LETTER, { width: 0, height: 0 })).toBe(1);
  });
});

describe('stepZoom', () => {
  it('moves to the next step from any scale', () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(1.1, 1)).toBe(1.25);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(4, 1)).toBe(MAX_SCALE);
    expect(stepZoom(0.5, -1)).toBe(MIN_SCALE);
  });
});

describe('pages', () => {
  it('finds the page at an offset', () => {
    const tops = [0, 1000, 2000, 3000];
    expect(pageAtOffset(tops, 0)).toBe(1);
    expect(pageAtOffset(tops, 999)).toBe(1);
    expect(pageAtOffset(tops, 1000)).toBe(2);
    expect(pageAtOffset(tops, 99999)).toBe(4);
    expect(pageAtOffset([], 10)).toBe(1);
  });

  it('reads typed page numbers and clamps requested ones', () => {
    expect(parsePageNumber(' 3 ', 14)).toBe(3);
    expect(parsePageNumber('15', 14)).toBeNull();
    expect(parsePageNumber('0', 14)).toBeNull();
    expect(parsePageNumber('2a', 14)).toBeNull();
    expect(clampPage(undefined, 14)).toBe(1);
    expect(clampPage(40, 14)).toBe(14);
    expect(clampPage(0, 14)).toBe(1);
  });
});
