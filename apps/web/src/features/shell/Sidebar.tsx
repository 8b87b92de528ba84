import { X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { IconButton, Wordmark } from '../../components';
import { cn } from '../../lib/cn';

export const SIDEBAR_ID = 'app-sidebar';

export interface SidebarProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** ≤ 768 px: the sidebar is an overlay drawer with a scrim (focus trapped, Escape closes). */
  mobile: boolean;
  /** Primary actions under the logo (e.g. "New chat"). */
  actions?: ReactNode;
  /** Bottom area (e.g. settings links). */
  footer?: ReactNode;
  /** The scrollable middle: workspace / conversation sections. */
  children: ReactNode;
}

/**
 * The app's left column. Layout only — content comes through the `actions`, `children` and
 * `footer` slots, so the workspace/conversation tree can be dropped in without touching it.
 */
export function Sidebar({ open, onOpenChange, mobile, actions, footer, children }: SidebarProps) {
  const body = (
    <>
      <div className="flex h-14 shrink-0 items-center justify-between gap-2 px-4">
        <Wordmark />
        {mobile ? (
          <RadixDialog.Close asChild>
            <IconButton label="Close sidebar" icon={<X />} size="sm" tooltip={false} />
          </RadixDialog.Close>
        ) : null}
      </div>
      {actions ? <div className="shrink-0 px-3 pb-2">{actions}</div> : null}
      <nav
        aria-label="Conversations"
        className="scrollbar-thin min-h-0 flex-1 overflow-y-auto px-3 pt-2 pb-4"
      >
        {children}
      </nav>
      {footer ? <div className="shrink-0 border-t border-line px-3 py-3">{footer}</div> : null}
    </>
  );

  if (mobile) {
    return (
      <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
        <RadixDialog.Portal>
          <RadixDialog.Overlay className="fixed inset-0 z-40 bg-scrim data-[state=closed]:animate-fade-out data-[state=open]:animate-fade-in" />
          <RadixDialog.Content
            id={SIDEBAR_ID}
            aria-describedby={undefined}
            className="fixed inset-y-0 left-0 z-50 flex w-[min(300px,86vw)] flex-col border-r border-line bg-panel shadow-dialog outline-none data-[state=closed]:animate-drawer-out data-[state=open]:animate-drawer-in"
          >
            <RadixDialog.Title className="sr-only">Sidebar</RadixDialog.Title>
            {body}
          </RadixDialog.Content>
        </RadixDialog.Portal>
      </RadixDialog.Root>
    );
  }

  return (
    <aside
      id={SIDEBAR_ID}
      aria-label="Sidebar"
      hidden={!open}
      className={cn('w-[280px] shrink-0 flex-col border-r border-line bg-panel', open && 'flex')}
    >
      {body}
    </aside>
  );
}

export interface SidebarSectionProps {
  title: ReactNode;
  /** Small icon buttons at the right of the section title (e.g. "New workspace"). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled group in the sidebar (Workspaces, Pinned, …). */
export function SidebarSection({ title, actions, children, className }: SidebarSectionProps) {
  return (
    <section className={cn('flex flex-col gap-1', className)}>
      <div className="flex h-8 items-center justify-between pr-1 pl-2">
        <h2 className="text-xs font-medium tracking-wide text-fg-subtle">{title}</h2>
        {actions ? <div className="flex items-center gap-0.5">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
