import { summarizeAccount } from '../services/account/export.js';
import { importAccountForm } from '../services/account/import-form.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';
import { formDataInput } from './form-data.js';

/**
 * The whole account's data. The export itself is a file download (`GET /files/account-export`),
 * streamed by the HTTP layer; these are what it holds, and taking an export back in.
 */
export const accountRouter = createTRPCRouter({
  summary: protectedProcedure.query(({ ctx }) =>
    summarizeAccount({ services: ctx.services, userId: ctx.user.id }),
  ),
  /** Multipart form data: `file`, an account export (.json). Send it through `httpLink`. */
  import: protectedProcedure
    .input(formDataInput('Send the export as multipart form data with a `file`.'))
    .mutation(({ ctx, input }) =>
      importAccountForm({ services: ctx.services, userId: ctx.user.id, form: input }),
    ),
});
