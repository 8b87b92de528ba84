import { createTRPCRouter } from '../trpc.js';

export const usersRouter = createTRPCRouter({});
