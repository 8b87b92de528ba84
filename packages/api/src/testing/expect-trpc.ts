import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** Awaits `promise` and returns the TRPCError it rejects with; fails if it resolves or throws something else. */
export async function trpcErrorOf(promise: Promise<unknown>): Promise<TRPCError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw new Error(`Expected a TRPCError, got: ${String(err)}`);
  }
  throw new Error('Expected a TRPCError, but the call succeeded');
}

export async function expectTrpcCode(
  promise: Promise<unknown>,
  code: TRPC_ERROR_CODE_KEY,
): Promise<TRPCError> {
  const err = await trpcErrorOf(promise);
  if (err.code !== code) throw new Error(`Expected ${code}, got ${err.code}: ${err.message}`);
  return err;
}
