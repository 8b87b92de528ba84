import { Outlet, useLocation, useNavigate } from 'react-router';
import { Tabs, TabsContent } from '../../components';
import { isDomain } from '../../lib/domains';
import { DomainContext, useDomainState } from './domain';
import { ShellSidebar } from './ShellSidebar';
import { TopBar } from './TopBar';
import { useSidebarState } from './useSidebarState';

/** Signed-in layout: sidebar + top bar (domain tabs, theme, account) + the routed main area. */
export function AppLayout() {
  const domainState = useDomainState();
  const sidebar = useSidebarState();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <DomainContext value={domainState}>
      <Tabs
        value={domainState.domain}
        onValueChange={(value) => {
          // Radix may report the same tab twice (pointer down, then focus): act on real changes only.
          if (!isDomain(value) || value === domainState.domain) return;
          domainState.setDomain(value);
          // A conversation belongs to one domain: switching tabs starts fresh in the new one.
          if (location.pathname.startsWith('/c/')) void navigate('/');
        }}
        className="flex h-full"
      >
        <ShellSidebar open={sidebar.open} onOpenChange={sidebar.setOpen} mobile={sidebar.mobile} />
        <div className="flex min-w-0 flex-1 flex-col">
          <TopBar
            sidebarOpen={sidebar.open}
            onToggleSidebar={sidebar.toggle}
            mobile={sidebar.mobile}
          />
          <TabsContent
            value={domainState.domain}
            className="scrollbar-thin min-h-0 flex-1 overflow-y-auto"
          >
            <main id="main" className="min-h-full">
              <Outlet />
            </main>
          </TabsContent>
        </div>
      </Tabs>
    </DomainContext>
  );
}
