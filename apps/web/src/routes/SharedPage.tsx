import { Link, useParams } from 'react-router';
import { Badge, Wordmark } from '../components';
import { SharedConversationView } from '../features/conversation';
import { ThemeMenu } from '../features/shell/ThemeMenu';

/** `/shared/:token`: public, read-only, no app chrome (works signed out). */
export function SharedPage() {
  const { token } = useParams();
  return (
    <div className="flex min-h-full flex-col">
      <title>Shared conversation · Margin</title>
      <header className="sticky top-0 z-10 flex h-14 shrink-0 items-center justify-between gap-3 border-b border-line bg-canvas/85 px-4 backdrop-blur">
        <Link to="/" className="flex items-center rounded-lg">
          <Wordmark />
        </Link>
        <div className="flex items-center gap-2">
          <Badge>Read-only</Badge>
          <ThemeMenu />
        </div>
      </header>
      <SharedConversationView token={token ?? ''} />
    </div>
  );
}
