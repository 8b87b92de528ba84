/**
 * `pnpm margin <command>`: administration from the shell, against the same DATA_DIR as the server.
 */
import { createAppServices, createUser, setUserPassword, streamAccountExport } from '@margin/api';
import { openDb, userQueries } from '@margin/db';
import { adminCreateUserInput, emailSchema, newPasswordSchema } from '@margin/shared';
import { createWriteStream, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { z } from 'zod';
import { BackupError, restoreBackup, writeBackup } from './backup.js';
import { EnvError, loadEnv } from './env.js';

const HELP = `Margin command line

Usage: pnpm margin <command> [options]

Commands:
  users:create --email <email> (--password <pw> | --password-stdin) [--name <name>] [--admin]
      Create a user (an administrator with --admin).
  users:reset-password --email <email> (--password <pw> | --password-stdin)
      Set a new password and sign the user out everywhere.
  users:list
      List users.
  users:export --email <email> <file>
      Write everything the user has (conversations, documents, doubts, prompts, profile,
      memory) to <file> as one JSON export, the same file as "Download everything" in the app.
      They can import it on any Margin server under Your data.
  backup <file>
      Write a consistent copy of the database (SQLite online backup) to <file> and of the
      stored files (documents, audio) to <file>.files/. Safe while the server runs.
  restore <file>
      Stop the server first. Checks the backup, moves the current database and files aside
      (*.before-restore-<time>) and puts the backup in their place.

The database is DATA_DIR/margin.db (DATA_DIR defaults to ./data).`;

class CliError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function passwordFrom(values: {
  password?: string;
  'password-stdin'?: boolean;
}): Promise<string> {
  if (values['password-stdin']) return readStdin();
  if (values.password !== undefined) return values.password;
  throw new CliError('Give a password with --password <pw> or --password-stdin.');
}

function validated<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(z.prettifyError(parsed.error));
  return parsed.data;
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      name: { type: 'string' },
      admin: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const env = loadEnv();
  if (command === 'restore') {
    const [file] = rest;
    if (!file) throw new CliError('Usage: pnpm margin restore <file>');
    const { movedAside } = restoreBackup({
      source: resolve(file),
      dbFile: env.dbFile,
      filesDir: env.config.documents.filesDir,
    });
    process.stdout.write(
      `Restored ${resolve(file)} into ${env.dataDir}.${movedAside.length ? `\nThe previous data was kept as:\n  ${movedAside.join('\n  ')}` : ''}\n`,
    );
    return;
  }
  const handle = openDb(env.dbFile);
  try {
    switch (command) {
      case 'users:create': {
        const input = validated(adminCreateUserInput, {
          email: values.email,
          password: await passwordFrom(values),
          name: values.name,
          role: values.admin ? 'admin' : 'user',
        });
        const user = await createUser({
          db: handle.db,
          ...input,
          role: input.role ?? 'user',
          scrypt: env.config.auth.scrypt,
        }).catch((err: unknown) => {
          throw new CliError(err instanceof Error ? err.message : String(err));
        });
        process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
        return;
      }
      case 'users:reset-password': {
        const email = validated(emailSchema, values.email);
        const password = validated(newPasswordSchema, await passwordFrom(values));
        const user = userQueries.findUserByEmail({ db: handle.db, email });
        if (!user) throw new CliError(`No user with email ${email}.`);
        await setUserPassword({
          db: handle.db,
          userId: user.id,
          password,
          scrypt: env.config.auth.scrypt,
        });
        process.stdout.write(`Password changed for ${email}; their sessions were signed out.\n`);
        return;
      }
      case 'users:list': {
        for (const u of userQueries.listUsers({ db: handle.db })) {
          process.stdout.write(
            `${u.email}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.name}\n`,
          );
        }
        return;
      }
      case 'users:export': {
        const email = validated(emailSchema, values.email);
        const [file] = rest;
        if (!file) throw new CliError('Usage: pnpm margin users:export --email <email> <file>');
        const user = userQueries.findUserByEmail({ db: handle.db, email });
        if (!user) throw new CliError(`No user with email ${email}.`);
        const target = resolve(file);
        const services = createAppServices({
          config: env.config,
          logger: pino({ level: 'silent' }),
          dbHandle: handle,
        });
        const out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
        await pipeline(Readable.from(streamAccountExport({ services, user })), out).catch(
          (err: unknown) => {
            const exists = (err as NodeJS.ErrnoException).code === 'EEXIST';
            // A half-written export is worse than none: it would import as a damaged file.
            if (!exists) rmSync(target, { force: true });
            throw new CliError(
              exists
                ? `${target} already exists; choose another file.`
                : `Could not write ${target}: ${err instanceof Error ? err.message : String(err)}`,
            );
          },
        );
        process.stdout.write(`Exported ${email} to ${target}.\n`);
        return;
      }
      case 'backup': {
        const [file] = rest;
        if (!file) throw new CliError('Usage: pnpm margin backup <file>');
        const target = resolve(file);
        const { files } = await writeBackup({
          handle,
          filesDir: env.config.documents.filesDir,
          target,
        });
        process.stdout.write(
          `Backed up ${env.dbFile} to ${target} (integrity check ok)${files ? ` and the stored files to ${target}.files` : ''}.\n`,
        );
        return;
      }
      default:
        throw new CliError(`Unknown command "${command}".\n\n${HELP}`);
    }
  } finally {
    handle.close();
  }
}

run(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof CliError || err instanceof EnvError || err instanceof BackupError) {
    process.stderr.write(`${err.message}\n`);
  } else if (
    err instanceof TypeError &&
    'code' in err &&
    String(err.code).startsWith('ERR_PARSE_ARGS')
  ) {
    process.stderr.write(`${err.message}\n\n${HELP}\n`);
  } else {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
