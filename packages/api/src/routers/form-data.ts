import { z } from 'zod';

/**
 * Input of a multipart procedure. `z.instanceof(FormData)` would name undici's class in the
 * emitted types; the global interface is portable. `message` says what the form should carry.
 */
export const formDataInput = (message: string) =>
  z.custom<FormData>((value) => value instanceof FormData, { message });
