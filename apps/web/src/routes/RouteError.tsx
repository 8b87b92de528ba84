import { RefreshCw, TriangleAlert } from 'lucide-react';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button, EmptyState } from '../components';
import { getErrorMessage } from '../lib/errors';

/** Shown when a page crashes or its code cannot be loaded (e.g. after a redeploy). */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed =
    error instanceof Error &&
    /dynamically imported module|Importing a module script/i.test(error.message);
  const description = chunkFailed
    ? 'Margin was updated. Reload the page to get the new version.'
    : isRouteErrorResponse(error)
      ? `${String(error.status)} ${error.statusText}`
      : getErrorMessage(error);
  return (
    <div className="flex min-h-full items-center justify-center p-6">
      <title>Error · Margin</title>
      <EmptyState
        icon={<TriangleAlert />}
        title="Something went wrong"
        description={description}
        action={
          <Button
            icon={<RefreshCw />}
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload
          </Button>
        }
      />
    </div>
  );
}
