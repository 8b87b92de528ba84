import { createTRPCRouter } from '../trpc.js';

export const messagesRouter = createTRPCRouter({});
