import { eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { appMeta } from '../schema/meta.js';

export function getMeta({ db, key }: { db: Executor; key: string }): string | undefined {
  return db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key)).get()?.value;
}

export function setMeta({ db, key, value }: { db: Executor; key: string; value: string }): void {
  db.insert(appMeta)
    .values({ key, value })
    .onConflictDoUpdate({ target: appMeta.key, set: { value, updatedAt: new Date() } })
    .run();
}
