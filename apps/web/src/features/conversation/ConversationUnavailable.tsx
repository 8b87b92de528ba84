import { MessageSquareOff } from 'lucide-react';
import { Link } from 'react-router';
import { Button, EmptyState, Notice } from '../../components';
import { getErrorCode, getErrorMessage } from '../../lib/errors';

/** The conversation could not be opened: missing (or another user's), or a server error. */
export function ConversationUnavailable({
  error,
  onRetry,
}: {
  error: unknown;
  onRetry: () => void;
}) {
  if (getErrorCode(error) === 'NOT_FOUND') {
    return (
      <div className="flex h-full items-center justify-center px-6">
        <title>Conversation not found · Margin</title>
        <EmptyState
          icon={<MessageSquareOff />}
          title="Conversation not found"
          description="It may have been deleted, or the link is not right."
          action={
            <Button asChild variant="secondary">
              <Link to="/">Back to start</Link>
            </Button>
          }
        />
      </div>
    );
  }
  return (
    <div className="mx-auto w-full max-w-[760px] px-6 py-10">
      <Notice tone="danger" role="alert" title="Couldn't open this conversation">
        <p>{getErrorMessage(error)}</p>
        <Button size="sm" variant="secondary" className="mt-3" onClick={onRetry}>
          Try again
        </Button>
      </Notice>
    </div>
  );
}
