import { Share2 } from 'lucide-react';
import { Link } from 'react-router';
import { Badge, EmptyState, Wordmark } from '../components';
import { ThemeMenu } from '../features/shell/ThemeMenu';

/** Public read-only view of a shared conversation (content filled by the sharing work). */
export function SharedPage() {
  return (
    <div className="flex min-h-full flex-col">
      <title>Shared conversation · Margin</title>
      <header className="flex h-14 shrink-0 items-center justify-between gap-3 border-b border-line px-4">
        <Link to="/" className="rounded-lg">
          <Wordmark />
        </Link>
        <div className="flex items-center gap-2">
          <Badge>Read-only</Badge>
          <ThemeMenu />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-[760px] flex-1 flex-col px-5 py-10">
        <h1 className="text-2xl font-semibold tracking-tight text-fg">Shared conversation</h1>
        <EmptyState
          className="flex-1"
          icon={<Share2 />}
          title="Nothing to show yet"
          description="Shared conversations will be displayed here, read-only."
        />
      </main>
    </div>
  );
}
