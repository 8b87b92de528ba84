import { MessagesSquare } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { Button, EmptyState } from '../components';

/** Placeholder: the conversation view (messages, composer) is built by the chat work. */
export function ConversationPage() {
  const { conversationId, messageId } = useParams();
  return (
    <div className="mx-auto flex min-h-full w-full max-w-[760px] items-center justify-center px-5 py-16">
      <title>Conversation · Margin</title>
      <EmptyState
        icon={<MessagesSquare />}
        title="Conversation"
        description={
          <>
            Conversation <code className="font-mono text-xs">{conversationId}</code>
            {messageId ? (
              <>
                {' '}
                (message <code className="font-mono text-xs">{messageId}</code>)
              </>
            ) : null}{' '}
            will open here.
          </>
        }
        action={
          <Button asChild variant="secondary">
            <Link to="/">Back to start</Link>
          </Button>
        }
      />
    </div>
  );
}
