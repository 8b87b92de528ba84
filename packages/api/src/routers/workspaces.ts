import { createTRPCRouter } from '../trpc.js';

export const workspacesRouter = createTRPCRouter({});
