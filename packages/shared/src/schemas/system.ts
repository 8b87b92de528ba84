import { z } from 'zod';

export const conversationIdInput = z.object({ conversationId: z.string().min(1).max(64) });

export interface Features {
  llm: boolean;
  embeddings: boolean;
  tts: boolean;
  stt: boolean;
  codeRunner: boolean;
  urlUpload: boolean;
}

export interface PublicConfig {
  domains: string[];
  features: Features;
  limits: {
    /** Largest document upload the server accepts, so the browser can refuse bigger files at once. */
    maxUploadBytes: number;
    /** Largest account export `account.import` takes. */
    maxImportBytes: number;
  };
}

export interface Health {
  ok: true;
  version: string;
  db: 'ok';
}
