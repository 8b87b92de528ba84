import { RefreshCw, ServerCrash } from 'lucide-react';
import { Button, EmptyState } from '../../components';
import { getErrorMessage } from '../../lib/errors';

export function ServerUnavailable({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="flex min-h-full items-center justify-center p-6">
      <EmptyState
        icon={<ServerCrash />}
        title="Margin is not reachable"
        description={getErrorMessage(error)}
        action={
          <Button icon={<RefreshCw />} onClick={onRetry}>
            Try again
          </Button>
        }
      />
    </div>
  );
}
