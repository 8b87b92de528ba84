/** Per-user memory settings; a user who never changed them gets the defaults. */
import { pkbPlanQueries, type Executor } from '@margin/db';
import type { PkbSettings } from '@margin/shared';

export const DEFAULT_PKB_SETTINGS: PkbSettings = { autoPropose: true };

export function getPkbSettings({ db, userId }: { db: Executor; userId: string }): PkbSettings {
  const row = pkbPlanQueries.findPkbSettings({ db, userId });
  return row ? { autoPropose: row.autoPropose } : { ...DEFAULT_PKB_SETTINGS };
}

export function updatePkbSettings({
  db,
  userId,
  changes,
}: {
  db: Executor;
  userId: string;
  changes: PkbSettings;
}): PkbSettings {
  const row = pkbPlanQueries.upsertPkbSettings({ db, userId, autoPropose: changes.autoPropose });
  return { autoPropose: row.autoPropose };
}
