import { createTRPCRouter } from '../trpc.js';

export const sectionsRouter = createTRPCRouter({});
