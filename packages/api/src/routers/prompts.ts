import { createTRPCRouter } from '../trpc.js';

export const promptsRouter = createTRPCRouter({});
