import { createBrowserRouter, Outlet, RouterProvider, useNavigation } from 'react-router';
import { PageSpinner } from './components';
import { AppLayout } from './features/shell/AppLayout';
import { RequireAuth } from './features/auth/RequireAuth';
import { HomePage } from './routes/HomePage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RouteError } from './routes/RouteError';
import { SetupPage } from './routes/SetupPage';

/** Thin progress bar while a lazy route's code loads. */
function NavigationProgress() {
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      className="fixed inset-x-0 top-0 z-[60] h-0.5 overflow-hidden bg-accent/20"
    >
      <div className="h-full w-2/5 animate-progress bg-accent" />
    </div>
  );
}

function Root() {
  return (
    <>
      <NavigationProgress />
      <Outlet />
    </>
  );
}

// The markdown stack (react-markdown, KaTeX, highlighter) loads with these pages, not up front.
const loadConversationPage = async () => {
  const { ConversationPage } = await import('./routes/ConversationPage');
  return { Component: ConversationPage };
};

const loadSharedPage = async () => {
  const { SharedPage } = await import('./routes/SharedPage');
  return { Component: SharedPage };
};

export const router = createBrowserRouter([
  {
    Component: Root,
    ErrorBoundary: RouteError,
    // Shown while a lazily loaded route's code arrives on the very first page load.
    HydrateFallback: PageSpinner,
    children: [
      { path: '/setup', Component: SetupPage },
      { path: '/login', Component: LoginPage },
      { path: '/shared/:token', lazy: loadSharedPage },
      {
        Component: RequireAuth,
        children: [
          {
            Component: AppLayout,
            ErrorBoundary: RouteError,
            children: [
              { index: true, Component: HomePage },
              { path: 'c/:conversationId', lazy: loadConversationPage },
              { path: 'c/:conversationId/m/:messageId', lazy: loadConversationPage },
              {
                path: 'prompts',
                lazy: async () => {
                  const { PromptsPage } = await import('./routes/PromptsPage');
                  return { Component: PromptsPage };
                },
              },
              {
                path: 'memory',
                lazy: async () => {
                  const { MemoryPage } = await import('./features/memory/MemoryPage');
                  return { Component: MemoryPage };
                },
              },
              {
                path: 'admin/users',
                lazy: async () => {
                  const { AdminUsersPage } = await import('./routes/AdminUsersPage');
                  return { Component: AdminUsersPage };
                },
              },
            ],
          },
        ],
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
