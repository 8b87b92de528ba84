import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../config.js';
import { expectTrpcCode } from '../../testing/expect-trpc.js';
import { writeDocumentFile } from '../documents/storage.js';
import type { ImageReference } from './context-sources.js';
import {
  assertModelsSeeImages,
  imageReferences,
  loadImages,
  MAX_IMAGE_BYTES,
  MAX_TOTAL_IMAGE_BYTES,
} from './images.js';

const model = (id: string, vision: boolean): ModelInfo => ({
  id,
  label: id.toUpperCase(),
  vision,
  contextWindow: 8_000,
});
const image = (ordinal: number, storageKey: string = randomUUID()): ImageReference => ({
  documentId: `doc-${ordinal}`,
  ordinal,
  title: `p${ordinal}.png`,
  mimeType: 'image/png',
  storageKey,
});

function refusal(args: Parameters<typeof assertModelsSeeImages>[0]): string {
  try {
    assertModelsSeeImages(args);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return '';
}

describe('assertModelsSeeImages', () => {
  const catalog = [model('text', false), model('eye', true), model('eye2', true)];

  it('passes vision models, and anything without images', () => {
    expect(refusal({ catalog, models: ['eye', 'eye2'], images: [image(1)] })).toBe('');
    expect(refusal({ catalog, models: ['text'], images: [] })).toBe('');
  });

  it('names every image and lists the models that can see', () => {
    expect(refusal({ catalog, models: ['text'], images: [image(1), image(3), image(4)] })).toBe(
      '#doc_1, #doc_3 and #doc_4 are images; choose a model that can see images (e.g. EYE, EYE2) to ask about them.',
    );
  });

  it('takes a model missing from the catalog not to see', () => {
    expect(refusal({ catalog, models: ['eye', 'unlisted'], images: [image(2)] })).toBe(
      '#doc_2 is an image, which unlisted cannot see; choose only models that can see images (e.g. EYE, EYE2) to ask about it.',
    );
  });

  it('says so when no configured model can see images', () => {
    expect(refusal({ catalog: [model('text', false)], models: ['text'], images: [image(1)] })).toBe(
      '#doc_1 is an image, and none of the configured models can see images. Ask your admin to add one (with "vision": true in MODELS) to ask about it.',
    );
  });
});

describe('imageReferences', () => {
  it('collects each image once, in block order', () => {
    const a = image(2);
    const b = image(1);
    expect(
      imageReferences([
        { label: 'x', text: 'x' },
        { label: 'a', text: '', image: a },
        { label: 'b', text: '', image: b },
        { label: 'a again', text: '', image: a },
      ]),
    ).toEqual([a, b]);
    expect(imageReferences(undefined)).toEqual([]);
  });
});

describe('loadImages', () => {
  let filesDir: string;
  beforeEach(() => {
    filesDir = mkdtempSync(join(tmpdir(), 'margin-images-'));
  });
  afterEach(() => rmSync(filesDir, { recursive: true, force: true }));

  it('reads files as data URLs of their type', async () => {
    const key = randomUUID();
    await writeDocumentFile(filesDir, key, Buffer.from('GIF89a'));
    const ref = { ...image(1, key), mimeType: 'image/gif' };
    expect(await loadImages({ filesDir, images: [ref] })).toEqual([
      { url: `data:image/gif;base64,${Buffer.from('GIF89a').toString('base64')}` },
    ]);
  });

  it('refuses a missing file clearly', async () => {
    const err = await expectTrpcCode(
      loadImages({ filesDir, images: [image(5)] }),
      'PRECONDITION_FAILED',
    );
    expect(err.message).toBe(
      'The file of #doc_5 "p5.png" is no longer stored. Upload the image again, then ask.',
    );
  });

  it('refuses images that add up to more than the total limit', async () => {
    const count = Math.floor(MAX_TOTAL_IMAGE_BYTES / MAX_IMAGE_BYTES) + 1;
    const images: ImageReference[] = [];
    for (let i = 1; i <= count; i++) {
      const key = randomUUID();
      await writeDocumentFile(filesDir, key, Buffer.alloc(MAX_IMAGE_BYTES));
      images.push(image(i, key));
    }
    const err = await expectTrpcCode(loadImages({ filesDir, images }), 'BAD_REQUEST');
    expect(err.message).toContain('add up to 40 MB; at most 30 MB');
  });
});
