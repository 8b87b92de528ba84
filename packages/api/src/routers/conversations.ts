import { createTRPCRouter } from '../trpc.js';

export const conversationsRouter = createTRPCRouter({});
