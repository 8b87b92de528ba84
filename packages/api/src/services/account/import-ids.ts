/**
 * Which rows of a file an account already has. A file's workspace or conversation is already
 * here when an earlier import recorded it (`imported_rows`) and that row still exists, or when the
 * account itself owns its id (the file is this account's own export, or was imported with its
 * ids kept). Anything else is new: it keeps its id when no row has it, else takes a fresh one.
 */
import { accountQueries, type Executor } from '@margin/db';
import { randomUUID } from 'node:crypto';

export type ImportedKind = 'workspace' | 'conversation';

const TABLE = { workspace: 'workspaces', conversation: 'conversations' } as const;

export interface IdPlan {
  /** File id → this account's row, for rows the account already has. */
  existing: Map<string, string>;
  /** The id a new row takes for a file id. */
  newId(fileId: string): string;
}

export function planIds({
  db,
  userId,
  kind,
  fileIds,
}: {
  db: Executor;
  userId: string;
  kind: ImportedKind;
  fileIds: readonly string[];
}): IdPlan {
  const table = TABLE[kind];
  const imported = accountQueries.findImportedIds({ db, userId, kind, sourceIds: fileIds });
  const owners = accountQueries.findIdOwners({
    db,
    table,
    ids: [...fileIds, ...imported.values()],
  });
  const existing = new Map<string, string>();
  for (const id of fileIds) {
    const earlier = imported.get(id);
    if (earlier !== undefined && owners.get(earlier) === userId) existing.set(id, earlier);
    else if (owners.get(id) === userId) existing.set(id, id);
  }
  return { existing, newId: (id) => (owners.has(id) ? randomUUID() : id) };
}
