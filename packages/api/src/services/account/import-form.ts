/** `account.import`'s multipart body: one JSON file, within the configured size. */
import type { AccountImportResult } from '@margin/shared';
import { TRPCError } from '@trpc/server';
import type { AppServices } from '../../trpc.js';
import { formatMegabytes } from '../documents/views.js';
import { importAccount } from './import.js';

const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

export async function importAccountForm({
  services,
  userId,
  form,
}: {
  services: AppServices;
  userId: string;
  form: FormData;
}): Promise<AccountImportResult> {
  const file = form.get('file');
  if (!(file instanceof Blob)) throw badRequest('Choose the export file to import.');
  if (file.size === 0) throw badRequest('The file is empty.');
  const max = services.config.accountImportMaxBytes;
  if (file.size > max)
    throw badRequest(
      `The file is larger than ${formatMegabytes(max)}, the most this server imports (MAX_IMPORT_MB).`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw badRequest(
      'The file is not UTF-8 text. Choose the .json file "Download everything" saved.',
    );
  }
  return importAccount({ services, userId, text });
}
