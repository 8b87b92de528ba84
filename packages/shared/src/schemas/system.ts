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
}

export interface Health {
  ok: true;
  version: string;
  db: 'ok';
}
