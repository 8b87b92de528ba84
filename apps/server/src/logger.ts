import { pino, type Logger as PinoLogger } from 'pino';

/** JSON logs on stdout; credentials are redacted wherever they appear in a logged object. */
export function createLogger(level: string): PinoLogger {
  return pino({
    level,
    base: { service: 'margin' },
    redact: {
      paths: [
        'password',
        '*.password',
        'newPassword',
        'currentPassword',
        'token',
        '*.token',
        'apiKey',
        '*.apiKey',
        'sessionSecret',
        'headers.cookie',
        'headers.authorization',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
  });
}
