import { addDocumentUrlInput, documentIdInput, listDocumentsInput } from '@margin/shared';
import {
  addDocumentUrl,
  deleteDocument,
  getDocument,
  listDocuments,
  reindexDocument,
  uploadDocument,
} from '../services/documents/service.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';
import { formDataInput } from './form-data.js';

export const documentsRouter = createTRPCRouter({
  /** Multipart form data: `conversationId` and `file`. Send it through `httpLink`. */
  upload: protectedProcedure
    .input(formDataInput('Send the upload as multipart form data with a file.'))
    .mutation(({ ctx, input }) =>
      uploadDocument({ services: ctx.services, userId: ctx.user.id, form: input }),
    ),
  addUrl: protectedProcedure
    .input(addDocumentUrlInput)
    .mutation(({ ctx, input }) =>
      addDocumentUrl({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  list: protectedProcedure
    .input(listDocumentsInput)
    .query(({ ctx, input }) =>
      listDocuments({ services: ctx.services, userId: ctx.user.id, ...input }),
    ),
  get: protectedProcedure
    .input(documentIdInput)
    .query(({ ctx, input }) =>
      getDocument({ services: ctx.services, userId: ctx.user.id, id: input.id }),
    ),
  delete: protectedProcedure
    .input(documentIdInput)
    .mutation(({ ctx, input }) =>
      deleteDocument({ services: ctx.services, userId: ctx.user.id, id: input.id }),
    ),
  reindex: protectedProcedure
    .input(documentIdInput)
    .mutation(({ ctx, input }) =>
      reindexDocument({ services: ctx.services, userId: ctx.user.id, id: input.id }),
    ),
});
