/**
 * Image documents in chat ("stored; passed to vision models when referenced"). A message that
 * refers to images (`#doc_N`, `#doc_all`, composer selections) sends the pictures to each model
 * as `image_url` parts with `data:` URLs read from storage. All of it is checked before the turn
 * is written: every chosen model must see images (`vision` in the catalog), and there may be at
 * most {@link MAX_IMAGES} images of at most {@link MAX_IMAGE_BYTES} each.
 */
import { TRPCError } from '@trpc/server';
import type { ModelInfo } from '../../config.js';
import { documentFileSize, readDocumentFile } from '../documents/storage.js';
import { formatMegabytes } from '../documents/views.js';
import type { ImageReference } from './context-sources.js';
import type { ContextBlock, PromptImage } from './prompt.js';

/** Images one message may send. Each costs prompt tokens and upload time for every model. */
export const MAX_IMAGES = 8;
/** Largest image sent (providers refuse larger ones: OpenAI at 20 MB, others lower). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/**
 * All images of one message together. Base64 grows them by a third and providers cap request
 * bodies (OpenAI at 50 MB), so eight images at the per-image limit would never get through.
 */
export const MAX_TOTAL_IMAGE_BYTES = 30 * 1024 * 1024;

/** The images the document blocks carry, once each, in block order. */
export function imageReferences(blocks: readonly ContextBlock[] | undefined): ImageReference[] {
  const seen = new Map<string, ImageReference>();
  for (const block of blocks ?? []) {
    if (block.image && !seen.has(block.image.documentId))
      seen.set(block.image.documentId, block.image);
  }
  return [...seen.values()];
}

/** "a", "a and b", "a, b and c". */
function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

/**
 * PRECONDITION_FAILED unless every chosen model can see images, naming the images, the models
 * that cannot and (from the catalog) some that can. A model missing from the catalog (a role
 * set without `MODELS`) is taken not to see.
 */
export function assertModelsSeeImages({
  catalog,
  models,
  images,
}: {
  catalog: readonly ModelInfo[];
  models: readonly string[];
  images: readonly ImageReference[];
}): void {
  if (images.length === 0) return;
  const info = (id: string) => catalog.find((m) => m.id === id);
  const blind = models.filter((id) => info(id)?.vision !== true);
  if (blind.length === 0) return;
  const refs = listing(images.map((i) => `#doc_${i.ordinal}`));
  const subject = images.length === 1 ? `${refs} is an image` : `${refs} are images`;
  const it = images.length === 1 ? 'it' : 'them';
  const seeing = catalog.filter((m) => m.vision).map((m) => m.label);
  let message: string;
  if (seeing.length === 0) {
    message = `${subject}, and none of the configured models can see images. Ask your admin to add one (with "vision": true in MODELS) to ask about ${it}.`;
  } else if (models.length === 1) {
    message = `${subject}; choose a model that can see images (e.g. ${seeing.slice(0, 3).join(', ')}) to ask about ${it}.`;
  } else {
    const names = listing(blind.map((id) => info(id)?.label ?? id));
    message = `${subject}, which ${names} cannot see; choose only models that can see images (e.g. ${seeing.slice(0, 3).join(', ')}) to ask about ${it}.`;
  }
  throw new TRPCError({ code: 'PRECONDITION_FAILED', message });
}

function label(image: ImageReference): string {
  return `#doc_${image.ordinal} "${image.title}"`;
}

function missing(image: ImageReference): TRPCError {
  return new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `The file of ${label(image)} is no longer stored. Upload the image again, then ask.`,
  });
}

/**
 * The images as `data:` URLs, after checking their count and sizes (BAD_REQUEST). Sizes come
 * from the files themselves, so nothing over the limits is read into memory.
 */
export async function loadImages({
  filesDir,
  images,
}: {
  filesDir: string;
  images: readonly ImageReference[];
}): Promise<PromptImage[]> {
  if (images.length > MAX_IMAGES) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `This message refers to ${images.length} images; at most ${MAX_IMAGES} can be sent to a model at once. Refer to fewer of them with #doc_N.`,
    });
  }
  let total = 0;
  for (const image of images) {
    const size = documentFileSize(filesDir, image.storageKey);
    if (size === undefined) throw missing(image);
    if (size > MAX_IMAGE_BYTES) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `${label(image)} is too large to send to a model (${formatMegabytes(size)}; at most ${formatMegabytes(MAX_IMAGE_BYTES)}). Upload a smaller version of it.`,
      });
    }
    total += size;
  }
  if (total > MAX_TOTAL_IMAGE_BYTES) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `The images of this message add up to ${formatMegabytes(total)}; at most ${formatMegabytes(MAX_TOTAL_IMAGE_BYTES)} can be sent to a model at once. Refer to fewer of them.`,
    });
  }
  return Promise.all(
    images.map(async (image) => {
      let bytes: Buffer;
      try {
        bytes = await readDocumentFile(filesDir, image.storageKey);
      } catch {
        throw missing(image);
      }
      return { url: `data:${image.mimeType};base64,${bytes.toString('base64')}` };
    }),
  );
}
