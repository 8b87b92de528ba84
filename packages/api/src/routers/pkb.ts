/** The personal knowledge base ("memory"): claims, pins, search, conflicts, export/import. */
import {
  bulkCreateClaimsInput,
  conversationIdInput,
  claimIdInput,
  conversationPinInput,
  createClaimInput,
  createConflictInput,
  importPkbInput,
  listClaimsInput,
  pinClaimInput,
  resolveConflictInput,
  searchClaimsInput,
  updateClaimInput,
} from '@margin/shared';
import { pkbQueries } from '@margin/db';
import {
  bulkCreateClaims,
  createClaim,
  deleteClaim,
  getClaim,
  pinClaim,
  updateClaim,
} from '../services/pkb/claims.js';
import { createConflict, listConflicts, resolveConflict } from '../services/pkb/conflicts.js';
import { exportPkb, importPkb } from '../services/pkb/export.js';
import {
  clearConversationPins,
  listConversationPins,
  listPinned,
  setConversationPin,
} from '../services/pkb/pins.js';
import { searchClaims } from '../services/pkb/search.js';
import { listClaimsPage } from '../services/pkb/views.js';
import { createTRPCRouter, protectedProcedure } from '../trpc.js';
// The review procedures (proposals, ingestion, context, usage, settings) are merged in below.
import { pkbReviewProcedures } from './pkb-review.js';

export const pkbRouter = createTRPCRouter({
  claims: createTRPCRouter({
    list: protectedProcedure
      .input(listClaimsInput)
      .query(({ ctx, input }) => listClaimsPage({ db: ctx.db, userId: ctx.user.id, input })),
    create: protectedProcedure
      .input(createClaimInput)
      .mutation(({ ctx, input }) =>
        createClaim({ services: ctx.services, userId: ctx.user.id, input }),
      ),
    bulkCreate: protectedProcedure
      .input(bulkCreateClaimsInput)
      .mutation(({ ctx, input }) =>
        bulkCreateClaims({ services: ctx.services, userId: ctx.user.id, inputs: input.claims }),
      ),
    get: protectedProcedure
      .input(claimIdInput)
      .query(({ ctx, input }) =>
        getClaim({ services: ctx.services, userId: ctx.user.id, id: input.id }),
      ),
    update: protectedProcedure
      .input(updateClaimInput)
      .mutation(({ ctx, input }) =>
        updateClaim({ services: ctx.services, userId: ctx.user.id, input }),
      ),
    delete: protectedProcedure
      .input(claimIdInput)
      .mutation(({ ctx, input }) =>
        deleteClaim({ services: ctx.services, userId: ctx.user.id, id: input.id }),
      ),
    pin: protectedProcedure
      .input(pinClaimInput)
      .mutation(({ ctx, input }) =>
        pinClaim({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
  }),

  pinned: protectedProcedure.query(({ ctx }) =>
    listPinned({ services: ctx.services, userId: ctx.user.id }),
  ),

  conversationPins: createTRPCRouter({
    set: protectedProcedure
      .input(conversationPinInput)
      .mutation(({ ctx, input }) =>
        setConversationPin({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
    list: protectedProcedure
      .input(conversationIdInput)
      .query(({ ctx, input }) =>
        listConversationPins({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
    clear: protectedProcedure
      .input(conversationIdInput)
      .mutation(({ ctx, input }) =>
        clearConversationPins({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
  }),

  search: protectedProcedure
    .input(searchClaimsInput)
    .query(({ ctx, input, signal }) =>
      searchClaims({ services: ctx.services, userId: ctx.user.id, ...input, signal }),
    ),

  entities: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) =>
      pkbQueries.listEntitiesWithCounts({ db: ctx.db, userId: ctx.user.id }),
    ),
  }),
  tags: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) =>
      pkbQueries.listTagsWithCounts({ db: ctx.db, userId: ctx.user.id }),
    ),
  }),

  conflicts: createTRPCRouter({
    list: protectedProcedure.query(({ ctx }) =>
      listConflicts({ services: ctx.services, userId: ctx.user.id }),
    ),
    create: protectedProcedure
      .input(createConflictInput)
      .mutation(({ ctx, input }) =>
        createConflict({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
    resolve: protectedProcedure
      .input(resolveConflictInput)
      .mutation(({ ctx, input }) =>
        resolveConflict({ services: ctx.services, userId: ctx.user.id, ...input }),
      ),
  }),

  export: protectedProcedure.query(({ ctx }) =>
    exportPkb({ services: ctx.services, userId: ctx.user.id }),
  ),
  import: protectedProcedure
    .input(importPkbInput)
    .mutation(({ ctx, input }) =>
      importPkb({ services: ctx.services, userId: ctx.user.id, input }),
    ),

  // ---- Helper B's procedures (routers/pkb-review.ts) ----
  ...pkbReviewProcedures,
});
