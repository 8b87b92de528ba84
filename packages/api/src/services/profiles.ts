/** The user's profile texts: "what you know about me" and "how I want answers". */
import { profileQueries, type Executor } from '@margin/db';
import type { UserProfile } from '@margin/shared';

function toProfile(row: profileQueries.UserProfileRow | undefined): UserProfile {
  return {
    memory: row?.memory ?? '',
    preferences: row?.preferences ?? '',
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Empty texts when the user never saved a profile; reading never writes. */
export function getProfile({ db, userId }: { db: Executor; userId: string }): UserProfile {
  return toProfile(profileQueries.findProfile({ db, userId }));
}

/** Changes only the given fields (creating the row on first save) and returns the profile. */
export function updateProfile({
  db,
  userId,
  memory,
  preferences,
  now = new Date(),
}: {
  db: Executor;
  userId: string;
  memory?: string | undefined;
  preferences?: string | undefined;
  now?: Date;
}): UserProfile {
  return toProfile(
    profileQueries.upsertProfile({ db, userId, changes: { memory, preferences }, at: now }),
  );
}
