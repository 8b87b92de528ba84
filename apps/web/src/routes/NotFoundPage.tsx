import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { Button, EmptyState, Wordmark } from '../components';

export function NotFoundPage() {
  return (
    <div className="flex min-h-full flex-col">
      <title>Page not found · Margin</title>
      <header className="flex h-14 items-center px-4">
        <Link to="/" className="rounded-lg">
          <Wordmark />
        </Link>
      </header>
      <main className="flex flex-1 items-center justify-center px-5 pb-20">
        <EmptyState
          icon={<Compass />}
          title="Page not found"
          description="The address may be mistyped, or the page has moved."
          action={
            <Button asChild variant="primary">
              <Link to="/">Go to Margin</Link>
            </Button>
          }
        />
      </main>
    </div>
  );
}
