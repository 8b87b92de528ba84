import { z } from 'zod';

/** The parts of tRPC's default error shape (`error.data`) the UI relies on. */
const errorDataSchema = z.looseObject({
  code: z.string().optional(),
  httpStatus: z.number().optional(),
  zodError: z
    .object({
      formErrors: z.array(z.string()),
      fieldErrors: z.record(z.string(), z.array(z.string()).optional()),
    })
    .nullish(),
});

type ErrorData = z.infer<typeof errorDataSchema>;

/** tRPC codes that mean "the request itself is wrong": retrying cannot help. */
const CLIENT_ERROR_CODES = new Set([
  'PARSE_ERROR',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_SUPPORTED',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE_CONTENT',
  'TOO_MANY_REQUESTS',
  'PRECONDITION_REQUIRED',
]);

const NETWORK_MESSAGE = "Can't reach the server. Check your connection and try again.";

function errorData(error: unknown): ErrorData | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const parsed = errorDataSchema.safeParse(error.data);
  return parsed.success ? parsed.data : undefined;
}

/** The tRPC error code (`UNAUTHORIZED`, `NOT_FOUND`, …) of an error, if it has one. */
export function getErrorCode(error: unknown): string | undefined {
  return errorData(error)?.code;
}

/** True when the server refused the request for a reason the client caused (HTTP 4xx). */
export function isClientError(error: unknown): boolean {
  const data = errorData(error);
  if (!data) return false;
  if (data.code !== undefined && CLIENT_ERROR_CODES.has(data.code)) return true;
  return data.httpStatus !== undefined && data.httpStatus >= 400 && data.httpStatus < 500;
}

/** First message per field from a zod validation error returned by the server. */
export function getFieldErrors(error: unknown): Record<string, string> {
  const fieldErrors = errorData(error)?.zodError?.fieldErrors ?? {};
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const first = messages?.[0];
    if (first) out[field] = first;
  }
  return out;
}

function isNetworkFailure(error: Error): boolean {
  const candidates = [error, error.cause];
  return candidates.some(
    (e) =>
      e instanceof Error &&
      (e.name === 'TypeError' || e.name === 'AbortError' || e.name === 'NetworkError') &&
      /fetch|network|load failed/i.test(e.message),
  );
}

/**
 * Turns anything thrown by a tRPC call (or elsewhere) into one sentence a person can act on.
 * Validation errors show the first field message; network failures say the server is unreachable.
 */
export function getErrorMessage(
  error: unknown,
  fallback = 'Something went wrong. Please try again.',
) {
  const data = errorData(error);
  const zodError = data?.zodError;
  if (zodError) {
    const first =
      zodError.formErrors[0] ?? Object.values(zodError.fieldErrors).find((m) => m?.[0])?.[0];
    if (first) return first;
  }
  if (!(error instanceof Error)) {
    return typeof error === 'string' && error.trim() ? error : fallback;
  }
  if (!data && isNetworkFailure(error)) return NETWORK_MESSAGE;
  const message = error.message.trim();
  // Raw serialised payloads (e.g. a JSON list of zod issues) are not for people.
  if (!message || message.startsWith('[') || message.startsWith('{')) return fallback;
  if (data?.code === 'INTERNAL_SERVER_ERROR' && /^internal server error$/i.test(message)) {
    return 'Something went wrong on the server. Please try again.';
  }
  return message;
}
