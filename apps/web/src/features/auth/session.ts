import type { User } from '@margin/shared';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, use, useCallback } from 'react';
import { useNavigate } from 'react-router';
import { trpc } from '../../lib/trpc';

/** The signed-in user, provided by <RequireAuth> to everything under it. */
export const CurrentUserContext = createContext<User | null>(null);

export function useCurrentUser(): User {
  const user = use(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside <RequireAuth>');
  return user;
}

/** `auth.status`: whether first-run setup is needed and who is signed in (public). */
export function useAuthStatus() {
  return trpc.auth.status.useQuery(undefined, { staleTime: 60_000 });
}

/** True for the cache entry of `auth.status` (tRPC keys start with the procedure path). */
export function isAuthStatusKey(queryKey: readonly unknown[]): boolean {
  const path: unknown = queryKey[0];
  return Array.isArray(path) && path.length === 2 && path[0] === 'auth' && path[1] === 'status';
}

/**
 * Records a new session in the cache after setup/login, or its end after logout. On sign-out every
 * other cached query is dropped so nothing of the previous user survives.
 */
export function useSessionCache() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const signedIn = useCallback(
    (user: User) => {
      queryClient.removeQueries({
        predicate: (query) => !isAuthStatusKey(query.queryKey),
      });
      utils.auth.status.setData(undefined, { setupRequired: false, user });
    },
    [queryClient, utils],
  );

  const signedOut = useCallback(async () => {
    utils.auth.status.setData(undefined, { setupRequired: false, user: null });
    await navigate('/login', { replace: true });
    queryClient.removeQueries({
      predicate: (query) => !isAuthStatusKey(query.queryKey),
    });
  }, [navigate, queryClient, utils]);

  return { signedIn, signedOut };
}
