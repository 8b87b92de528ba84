import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSpinner } from '../../components';
import { ServerUnavailable } from './ServerUnavailable';
import { CurrentUserContext, useAuthStatus } from './session';

/** Layout route: renders its children only for a signed-in user, else goes to /setup or /login. */
export function RequireAuth() {
  const status = useAuthStatus();
  const location = useLocation();

  if (status.isPending) return <PageSpinner />;
  if (status.isError)
    return <ServerUnavailable error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.setupRequired) return <Navigate to="/setup" replace />;
  if (!status.data.user) {
    const from = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to="/login" replace state={from === '/' ? undefined : { from }} />;
  }
  return (
    <CurrentUserContext value={status.data.user}>
      <Outlet />
    </CurrentUserContext>
  );
}
