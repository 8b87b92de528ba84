import { X } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { IconButton, Sheet } from '../../components';
import { focusReturnTarget } from '../../components/focus';
import { cn } from '../../lib/cn';

export type ToolPanelLayout = 'aside' | 'right' | 'bottom' | 'full';

export interface ToolPanelFrameProps {
  id: string;
  title: ReactNode;
  /** Plain-text name for the close button ("Close the doubts"). */
  closeLabel: string;
  icon: ReactNode;
  layout: ToolPanelLayout;
  onClose: () => void;
  /** Desktop column width classes. */
  width?: string;
  /** Width classes of the right-hand sheet (tablets). */
  sheetWidth?: string;
  /** Extra controls in the header, before ×. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A tool panel: a column beside the conversation on wide screens (Escape closes it; focus moves
 * in on open and back to the opener on close), a sheet on tablets and phones.
 */
export function ToolPanelFrame(props: ToolPanelFrameProps) {
  const { id, title, layout, onClose, children } = props;
  if (layout === 'aside') return <AsidePanel {...props} />;
  return (
    <Sheet
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      side={layout === 'bottom' ? 'bottom' : 'right'}
      title={
        <span id={`${id}-title`} className="flex items-center gap-2">
          {title}
        </span>
      }
      className={cn(
        layout === 'bottom' && 'h-[88dvh]',
        layout === 'full' && 'inset-0! h-dvh! w-full! max-w-none! rounded-none! border-0!',
        layout === 'right' && props.sheetWidth,
      )}
    >
      <div id={id} className="-mx-5 -mb-5 flex min-h-0 flex-1 flex-col">
        {props.actions ? (
          <div className="flex items-center gap-1 px-5 pb-2">{props.actions}</div>
        ) : null}
        {children}
      </div>
    </Sheet>
  );
}

function AsidePanel({
  id,
  title,
  closeLabel,
  icon,
  onClose,
  width,
  actions,
  children,
}: ToolPanelFrameProps) {
  const ref = useRef<HTMLElement>(null);
  // Focus the panel's first field (or its heading) on open; give focus back on close.
  useEffect(() => {
    // Taken now, before anything moves: opened from a menu item, that item is about to go.
    const opener = focusReturnTarget();
    const panel = ref.current;
    const timer = setTimeout(() => {
      if (!panel) return;
      const target =
        panel.querySelector<HTMLElement>('[data-autofocus]') ??
        panel.querySelector<HTMLElement>(`#${id}-title`);
      target?.focus();
    }, 0);
    return () => {
      clearTimeout(timer);
      const back = opener;
      if (back?.isConnected && !panel?.contains(back)) {
        requestAnimationFrame(() => {
          // Only when focus was lost with the panel (not when it moved somewhere on purpose).
          const now = document.activeElement;
          if (!now || now === document.body) back.focus();
        });
      }
    };
  }, [id]);

  return (
    <aside
      ref={ref}
      id={id}
      aria-labelledby={`${id}-title`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.defaultPrevented) return;
        const target = event.target as HTMLElement;
        if (target.closest('[role="menu"], [role="listbox"], [role="dialog"]')) return;
        event.preventDefault();
        onClose();
      }}
      className={cn(
        'flex min-h-0 shrink-0 flex-col border-l border-line bg-panel',
        width ?? 'w-[380px] xl:w-[440px]',
      )}
    >
      <div className="flex h-14 shrink-0 items-center gap-2 border-b border-line pr-2 pl-4">
        <span aria-hidden className="flex text-fg-subtle [&_svg]:size-4">
          {icon}
        </span>
        <h2
          id={`${id}-title`}
          tabIndex={-1}
          className="flex min-w-0 flex-1 items-center gap-2 text-sm font-semibold text-fg outline-none"
        >
          {title}
        </h2>
        {actions}
        <IconButton label={closeLabel} icon={<X />} size="sm" onClick={onClose} />
      </div>
      {children}
    </aside>
  );
}
