import { createBrowserRouter, Outlet, RouterProvider, useNavigation } from 'react-router';
import { PageSpinner } from './components';
import { AppLayout } from './features/shell/AppLayout';
import { RequireAuth } from './features/auth/RequireAuth';
import { ConversationPage } from './routes/ConversationPage';
import { HomePage } from './routes/HomePage';
import { LoginPage } from './routes/LoginPage';
import { NotFoundPage } from './routes/NotFoundPage';
import { RouteError } from './routes/RouteError';
import { SetupPage } from './routes/SetupPage';
import { SharedPage } from './routes/SharedPage';

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

export const router = createBrowserRouter([
  {
    Component: Root,
    ErrorBoundary: RouteError,
    // Shown while a lazily loaded route's code arrives on the very first page load.
    HydrateFallback: PageSpinner,
    children: [
      { path: '/setup', Component: SetupPage },
      { path: '/login', Component: LoginPage },
      { path: '/shared/:token', Component: SharedPage },
      {
        Component: RequireAuth,
        children: [
          {
            Component: AppLayout,
            ErrorBoundary: RouteError,
            children: [
              { index: true, Component: HomePage },
              { path: 'c/:conversationId', Component: ConversationPage },
              { path: 'c/:conversationId/m/:messageId', Component: ConversationPage },
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
