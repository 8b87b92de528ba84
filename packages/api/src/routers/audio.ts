import { ttsInput, ttsStatusInput } from '@margin/shared';
import { transcribeRecording } from '../services/audio/transcribe.js';
import { requestTts, ttsStatus } from '../services/audio/tts.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';
import { formDataInput } from './form-data.js';

export const audioRouter = createTRPCRouter({
  tts: protectedProcedure
    .input(ttsInput)
    .mutation(({ ctx, input }) =>
      requestTts({ services: ctx.services, userId: ctx.user.id, input }),
    ),
  ttsStatus: protectedProcedure
    .input(ttsStatusInput)
    .query(({ ctx, input }) =>
      ttsStatus({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  /** Multipart form data with an `audio` file. Send it through `httpLink`. */
  transcribe: protectedProcedure
    .input(formDataInput('Send the recording as multipart form data with an `audio` file.'))
    .mutation(({ ctx, input }) =>
      transcribeRecording({ services: ctx.services, userId: ctx.user.id, form: input }),
    ),
});
