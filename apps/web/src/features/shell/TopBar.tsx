import { PanelLeft, PanelLeftClose } from 'lucide-react';
import { IconButton, LogoMark } from '../../components';
import { AccountMenu } from '../account/AccountMenu';
import { DomainTabs } from './DomainTabs';
import { SIDEBAR_ID } from './Sidebar';
import { ThemeMenu } from './ThemeMenu';

export function TopBar({
  sidebarOpen,
  onToggleSidebar,
  mobile,
}: {
  sidebarOpen: boolean;
  onToggleSidebar: () => void;
  mobile: boolean;
}) {
  return (
    <header className="flex h-14 shrink-0 items-center gap-1.5 border-b border-line bg-canvas/85 px-2 backdrop-blur sm:gap-3 sm:px-3">
      <IconButton
        label={sidebarOpen ? 'Close sidebar' : 'Open sidebar'}
        icon={sidebarOpen && !mobile ? <PanelLeftClose /> : <PanelLeft />}
        aria-expanded={sidebarOpen}
        aria-controls={mobile && !sidebarOpen ? undefined : SIDEBAR_ID}
        onClick={onToggleSidebar}
      />
      {!sidebarOpen && !mobile ? <LogoMark className="size-7" /> : null}
      <div className="flex min-w-0 flex-1 items-center sm:justify-center">
        <DomainTabs />
      </div>
      <div className="flex items-center gap-0.5 sm:gap-1">
        <ThemeMenu />
        <AccountMenu />
      </div>
    </header>
  );
}
