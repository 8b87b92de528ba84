import { Folder, MessagesSquare, SquarePen } from 'lucide-react';
import { useNavigate } from 'react-router';
import { Button, EmptyState } from '../../components';
import { DOMAIN_LABELS } from '../../lib/domains';
import { useDomain } from './domain';
import { Sidebar, SidebarSection } from './Sidebar';

/**
 * Sidebar content for now: "New chat" and the (empty) workspace tree. The Organise work replaces
 * the section body with real workspaces and conversations.
 */
export function ShellSidebar({
  open,
  onOpenChange,
  mobile,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  mobile: boolean;
}) {
  const navigate = useNavigate();
  const { domain } = useDomain();
  return (
    <Sidebar
      open={open}
      onOpenChange={onOpenChange}
      mobile={mobile}
      actions={
        <Button
          variant="secondary"
          className="w-full justify-start"
          icon={<SquarePen />}
          onClick={() => {
            if (mobile) onOpenChange(false);
            void navigate('/');
          }}
        >
          New chat
        </Button>
      }
    >
      <SidebarSection title={`${DOMAIN_LABELS[domain]} workspaces`}>
        <div className="flex h-9 items-center gap-2 rounded-lg px-2 text-sm font-medium text-fg">
          <Folder className="size-4 text-fg-subtle" aria-hidden />
          <span className="truncate">General</span>
        </div>
        <EmptyState
          size="sm"
          icon={<MessagesSquare />}
          title="No conversations yet"
          description="Your chats will be listed here, newest first."
        />
      </SidebarSection>
    </Sidebar>
  );
}
