import type { User } from '@margin/shared';
import { Navigate, useNavigate } from 'react-router';
import { PageSpinner } from '../components';
import { AuthLayout } from '../features/auth/AuthLayout';
import { ServerUnavailable } from '../features/auth/ServerUnavailable';
import { SetupForm } from '../features/auth/SetupForm';
import { useAuthStatus, useSessionCache } from '../features/auth/session';

export function SetupPage() {
  const status = useAuthStatus();
  const navigate = useNavigate();
  const { signedIn } = useSessionCache();

  if (status.isPending) return <PageSpinner />;
  if (status.isError) {
    return <ServerUnavailable error={status.error} onRetry={() => void status.refetch()} />;
  }
  if (!status.data.setupRequired) {
    return <Navigate to={status.data.user ? '/' : '/login'} replace />;
  }

  const onCreated = (user: User) => {
    signedIn(user);
    void navigate('/', { replace: true });
  };

  return (
    <AuthLayout
      title="Set up Margin"
      subtitle="Create the first account. It becomes the administrator and can invite everyone else."
      footer="You can add more people later under Admin → Users."
    >
      <title>Set up · Margin</title>
      <SetupForm onCreated={onCreated} />
    </AuthLayout>
  );
}
