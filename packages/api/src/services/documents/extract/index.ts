/** Pure document processing for the Documents feature: type detection, text extraction, chunking, safe URL fetching. */
export { DocumentRejected } from './errors.js';
export type {
  ChunkOptions,
  DetectedType,
  ExtractArgs,
  ExtractedDocument,
  ExtractedPage,
  FetchedUrl,
  FetchOptions,
  TextChunk,
  Transcribe,
  TranscribeArgs,
} from './types.js';
export { detectDocumentType } from './detect.js';
export { extractDocument } from './extract.js';
export { chunkPages, iterateChunks, joinPages } from './chunk.js';
export { tokenPrefix } from './token-prefix.js';
export { sanitizeFilename } from './filename.js';
export { fetchPublicUrl } from './url-fetch.js';
export { assertPublicAddress, classifyAddress } from './ip.js';
export type { AddressClass } from './ip.js';
