import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, router } from './App';
import { Toaster, TooltipProvider } from './components';
import { isAuthStatusKey } from './features/auth/session';
import { createQueryClient, createTrpcClient, onUnauthorized, trpc } from './lib/trpc';
import './styles.css';

const queryClient = createQueryClient();
const trpcClient = createTrpcClient();

// A query answered UNAUTHORIZED: the session ended (expired, logged out elsewhere, revoked).
// Mark the user signed out and go to /login, remembering where they were.
onUnauthorized(() => {
  const { pathname, search, hash } = window.location;
  if (pathname === '/login' || pathname === '/setup') return;
  queryClient.setQueriesData(
    { predicate: (query) => isAuthStatusKey(query.queryKey) },
    { setupRequired: false, user: null },
  );
  void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}${hash}` } });
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('#root is missing from index.html');

createRoot(rootElement).render(
  <StrictMode>
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <TooltipProvider delayDuration={400} skipDelayDuration={200}>
          <App />
          <Toaster />
        </TooltipProvider>
      </QueryClientProvider>
    </trpc.Provider>
  </StrictMode>,
);
