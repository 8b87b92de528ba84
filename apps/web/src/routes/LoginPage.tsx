import type { User } from '@margin/shared';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { PageSpinner } from '../components';
import { AuthLayout } from '../features/auth/AuthLayout';
import { LoginForm } from '../features/auth/LoginForm';
import { ServerUnavailable } from '../features/auth/ServerUnavailable';
import { useAuthStatus, useSessionCache } from '../features/auth/session';

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
function useReturnTo(): string {
  const location = useLocation();
  const state: unknown = location.state;
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) {
      if (!from.startsWith('/login') && !from.startsWith('/setup')) return from;
    }
  }
  return '/';
}

export function LoginPage() {
  const status = useAuthStatus();
  const navigate = useNavigate();
  const returnTo = useReturnTo();
  const { signedIn } = useSessionCache();

  if (status.isPending) return <PageSpinner />;
  if (status.isError) {
    return <ServerUnavailable error={status.error} onRetry={() => void status.refetch()} />;
  }
  if (status.data.setupRequired) return <Navigate to="/setup" replace />;
  if (status.data.user) return <Navigate to={returnTo} replace />;

  const onSignedIn = (user: User) => {
    signedIn(user);
    void navigate(returnTo, { replace: true });
  };

  return (
    <AuthLayout title="Sign in to Margin" subtitle="Welcome back. Enter your account details.">
      <title>Sign in · Margin</title>
      <LoginForm onSignedIn={onSignedIn} />
    </AuthLayout>
  );
}
