import { Check } from 'lucide-react';
import { DropdownMenu as RadixMenu } from 'radix-ui';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../lib/cn';
import { focusMovedElsewhere } from './focus';

export const DropdownMenu = RadixMenu.Root;
export const DropdownMenuTrigger = RadixMenu.Trigger;
export const DropdownMenuGroup = RadixMenu.Group;

export function DropdownMenuContent({
  className,
  align = 'end',
  sideOffset = 6,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof RadixMenu.Content>) {
  return (
    <RadixMenu.Portal>
      <RadixMenu.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={8}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          // The menu returns focus to its trigger after its exit animation; by then an item may
          // have opened something that took focus on purpose (a panel's first field): keep it.
          if (focusMovedElsewhere()) event.preventDefault();
        }}
        className={cn(
          'z-50 max-h-(--radix-dropdown-menu-content-available-height) min-w-52 overflow-y-auto rounded-xl border border-line bg-raised p-1 text-fg shadow-popover',
          'data-[state=closed]:animate-fade-out data-[state=open]:animate-pop-in',
          className,
        )}
        {...props}
      />
    </RadixMenu.Portal>
  );
}

const itemClasses =
  'relative flex min-h-9 cursor-pointer items-center gap-2.5 rounded-lg px-2.5 text-sm outline-none select-none data-disabled:pointer-events-none data-disabled:opacity-50 [&_svg]:size-4 [&_svg]:shrink-0';

export interface DropdownMenuItemProps extends ComponentProps<typeof RadixMenu.Item> {
  icon?: ReactNode;
  /** Red text for destructive actions. */
  destructive?: boolean;
  /** Right-aligned hint, e.g. a <Kbd>. */
  shortcut?: ReactNode;
}

export function DropdownMenuItem({
  icon,
  destructive = false,
  shortcut,
  className,
  children,
  ...props
}: DropdownMenuItemProps) {
  return (
    <RadixMenu.Item
      className={cn(
        itemClasses,
        destructive
          ? 'text-danger-text data-highlighted:bg-danger-soft'
          : 'text-fg data-highlighted:bg-soft [&_svg]:text-fg-subtle',
        className,
      )}
      {...props}
    >
      {icon}
      <span className="flex-1">{children}</span>
      {shortcut ? <span className="ml-4 text-xs text-fg-subtle">{shortcut}</span> : null}
    </RadixMenu.Item>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<typeof RadixMenu.Label>) {
  return (
    <RadixMenu.Label
      className={cn('px-2.5 py-1.5 text-xs font-medium text-fg-subtle', className)}
      {...props}
    />
  );
}

export function DropdownMenuSeparator({
  className,
  ...props
}: ComponentProps<typeof RadixMenu.Separator>) {
  return <RadixMenu.Separator className={cn('-mx-1 my-1 h-px bg-line', className)} {...props} />;
}

export const DropdownMenuRadioGroup = RadixMenu.RadioGroup;

export function DropdownMenuRadioItem({
  icon,
  className,
  children,
  ...props
}: ComponentProps<typeof RadixMenu.RadioItem> & { icon?: ReactNode }) {
  return (
    <RadixMenu.RadioItem
      className={cn(
        itemClasses,
        'pr-8 text-fg data-highlighted:bg-soft [&_svg]:text-fg-subtle',
        className,
      )}
      {...props}
    >
      {icon}
      <span className="flex-1">{children}</span>
      <RadixMenu.ItemIndicator className="absolute right-2.5">
        <Check className="text-accent-text" />
      </RadixMenu.ItemIndicator>
    </RadixMenu.RadioItem>
  );
}
