import { Check, ChevronRight, MoreHorizontal } from 'lucide-react';
import { ContextMenu as RadixContext, DropdownMenu as RadixDropdown } from 'radix-ui';
import {
  useRef,
  type ComponentType,
  type CSSProperties,
  type ReactElement,
  type ReactNode,
} from 'react';
import { cn } from '../lib/cn';
import { IconButton, type ButtonSize } from './Button';
import { focusMovedElsewhere } from './focus';

/**
 * One menu described as data, so the same actions can be shown both as a right-click context menu
 * and behind a visible "⋯" button (keyboard and touch users) without writing them twice.
 */
export type MenuEntry =
  | MenuItemEntry
  | { type: 'separator' }
  | { type: 'label'; label: string }
  | { type: 'submenu'; label: string; icon?: ReactNode; entries: MenuEntry[]; disabled?: boolean }
  | {
      type: 'radio';
      value: string;
      onValueChange: (value: string) => void;
      options: { value: string; label: string; icon?: ReactNode; disabled?: boolean }[];
    };

export interface MenuItemEntry {
  type: 'item';
  label: string;
  icon?: ReactNode;
  onSelect: () => void;
  destructive?: boolean;
  disabled?: boolean;
  /** Right-aligned hint (a short text). */
  hint?: ReactNode;
  /** Indent level (e.g. a folder's depth in a "Move to…" list). */
  depth?: number;
  /**
   * Leave focus where the action puts it instead of returning it to the menu's trigger (an item
   * that opens an inline editor or a dialog).
   */
  keepFocus?: boolean;
}

/** The parts of Radix's DropdownMenu / ContextMenu that the entries need (same API in both). */
interface Kit {
  Item: ComponentType<{
    className?: string;
    style?: CSSProperties;
    disabled?: boolean;
    onSelect?: (event: Event) => void;
    children?: ReactNode;
  }>;
  Separator: ComponentType<{ className?: string }>;
  Label: ComponentType<{ className?: string; children?: ReactNode }>;
  Sub: ComponentType<{ children?: ReactNode }>;
  SubTrigger: ComponentType<{ className?: string; disabled?: boolean; children?: ReactNode }>;
  SubContent: ComponentType<{
    className?: string;
    sideOffset?: number;
    collisionPadding?: number;
    children?: ReactNode;
  }>;
  Portal: ComponentType<{ children?: ReactNode }>;
  RadioGroup: ComponentType<{
    value?: string;
    onValueChange?: (value: string) => void;
    children?: ReactNode;
  }>;
  RadioItem: ComponentType<{
    value: string;
    className?: string;
    disabled?: boolean;
    children?: ReactNode;
  }>;
  ItemIndicator: ComponentType<{ className?: string; children?: ReactNode }>;
  /** Tailwind max-height class using the primitive's "available height" CSS variable. */
  maxHeight: string;
}

const dropdownKit: Kit = {
  ...RadixDropdown,
  maxHeight: 'max-h-(--radix-dropdown-menu-content-available-height)',
};
const contextKit: Kit = {
  ...RadixContext,
  maxHeight: 'max-h-(--radix-context-menu-content-available-height)',
};

export const menuContentClasses = cn(
  'z-50 min-w-52 overflow-y-auto rounded-xl border border-line bg-raised p-1 text-fg shadow-popover',
  'data-[state=closed]:animate-fade-out data-[state=open]:animate-pop-in',
);

const itemClasses =
  'relative flex min-h-9 cursor-pointer items-center gap-2.5 rounded-lg px-2.5 text-sm outline-none select-none data-disabled:pointer-events-none data-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0';
const plainItem =
  'text-fg data-highlighted:bg-soft data-[state=open]:bg-soft [&_svg]:text-fg-subtle';

function Entries({
  kit,
  entries,
  onKeepFocus,
}: {
  kit: Kit;
  entries: MenuEntry[];
  onKeepFocus: () => void;
}) {
  return entries.map((entry, index) => {
    switch (entry.type) {
      case 'separator':
        return <kit.Separator key={`sep-${String(index)}`} className="-mx-1 my-1 h-px bg-line" />;
      case 'label':
        return (
          <kit.Label
            key={`label-${entry.label}`}
            className="px-2.5 py-1.5 text-xs font-medium text-fg-subtle"
          >
            {entry.label}
          </kit.Label>
        );
      case 'item':
        return (
          <kit.Item
            key={`item-${entry.label}-${String(index)}`}
            disabled={entry.disabled}
            style={entry.depth ? { paddingLeft: `${10 + entry.depth * 14}px` } : undefined}
            onSelect={() => {
              if (entry.keepFocus) onKeepFocus();
              entry.onSelect();
            }}
            className={cn(
              itemClasses,
              entry.destructive ? 'text-danger-text data-highlighted:bg-danger-soft' : plainItem,
            )}
          >
            {entry.icon}
            <span className="min-w-0 flex-1 truncate">{entry.label}</span>
            {entry.hint ? (
              <span className="ml-3 shrink-0 text-xs text-fg-subtle">{entry.hint}</span>
            ) : null}
          </kit.Item>
        );
      case 'submenu':
        return (
          <kit.Sub key={`sub-${entry.label}`}>
            <kit.SubTrigger disabled={entry.disabled} className={cn(itemClasses, plainItem)}>
              {entry.icon}
              <span className="flex-1">{entry.label}</span>
              <ChevronRight className="-mr-1" />
            </kit.SubTrigger>
            <kit.Portal>
              <kit.SubContent
                sideOffset={4}
                collisionPadding={8}
                className={cn(menuContentClasses, kit.maxHeight, 'min-w-44')}
              >
                <Entries kit={kit} entries={entry.entries} onKeepFocus={onKeepFocus} />
              </kit.SubContent>
            </kit.Portal>
          </kit.Sub>
        );
      case 'radio':
        return (
          <kit.RadioGroup
            key={`radio-${String(index)}`}
            value={entry.value}
            onValueChange={entry.onValueChange}
          >
            {entry.options.map((option) => (
              <kit.RadioItem
                key={option.value}
                value={option.value}
                disabled={option.disabled}
                className={cn(itemClasses, plainItem, 'pr-8')}
              >
                {option.icon}
                <span className="flex-1">{option.label}</span>
                <kit.ItemIndicator className="absolute right-2.5">
                  <Check className="text-accent-text" />
                </kit.ItemIndicator>
              </kit.RadioItem>
            ))}
          </kit.RadioGroup>
        );
    }
  });
}

/** Remembers whether the chosen item wants focus left alone when the menu closes. */
function useFocusRestore() {
  const keepFocus = useRef(false);
  return {
    onKeepFocus: () => {
      keepFocus.current = true;
    },
    onCloseAutoFocus: (event: Event) => {
      if (keepFocus.current || focusMovedElsewhere()) event.preventDefault();
      keepFocus.current = false;
    },
  };
}

export interface ActionMenuButtonProps {
  /** Called only while the menu is open, so long lists cost nothing when closed. */
  entries: () => MenuEntry[];
  /** Accessible name of the "⋯" button. */
  label: string;
  size?: ButtonSize;
  className?: string;
  icon?: ReactNode;
  onOpenChange?: (open: boolean) => void;
}

/** A "⋯" icon button that opens the entries as a dropdown menu (arrow keys, Enter, Escape). */
export function ActionMenuButton({
  entries,
  label,
  size = 'sm',
  className,
  icon = <MoreHorizontal />,
  onOpenChange,
}: ActionMenuButtonProps) {
  const focus = useFocusRestore();
  return (
    <RadixDropdown.Root onOpenChange={onOpenChange}>
      <RadixDropdown.Trigger asChild>
        <IconButton label={label} icon={icon} size={size} tooltip={false} className={className} />
      </RadixDropdown.Trigger>
      <RadixDropdown.Portal>
        <RadixDropdown.Content
          align="start"
          sideOffset={4}
          collisionPadding={8}
          onCloseAutoFocus={focus.onCloseAutoFocus}
          className={cn(menuContentClasses, dropdownKit.maxHeight)}
        >
          <Entries kit={dropdownKit} entries={entries()} onKeepFocus={focus.onKeepFocus} />
        </RadixDropdown.Content>
      </RadixDropdown.Portal>
    </RadixDropdown.Root>
  );
}

/** Right-click (or long-press, or the Menu key) on `children` opens the entries. */
export function ActionContextMenu({
  entries,
  children,
  onOpenChange,
}: {
  entries: () => MenuEntry[];
  /** One element; it receives the context-menu handlers. */
  children: ReactElement;
  onOpenChange?: (open: boolean) => void;
}) {
  const focus = useFocusRestore();
  return (
    <RadixContext.Root onOpenChange={onOpenChange}>
      <RadixContext.Trigger asChild>{children}</RadixContext.Trigger>
      <RadixContext.Portal>
        <RadixContext.Content
          collisionPadding={8}
          onCloseAutoFocus={focus.onCloseAutoFocus}
          className={cn(menuContentClasses, contextKit.maxHeight)}
        >
          <Entries kit={contextKit} entries={entries()} onKeepFocus={focus.onKeepFocus} />
        </RadixContext.Content>
      </RadixContext.Portal>
    </RadixContext.Root>
  );
}
