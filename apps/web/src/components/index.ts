export { Avatar } from './Avatar';
export { Badge, type BadgeProps, type BadgeTone } from './Badge';
export {
  Button,
  IconButton,
  buttonClasses,
  type ButtonProps,
  type ButtonSize,
  type ButtonVariant,
  type IconButtonProps,
} from './Button';
export { Card, CardBody, CardHeader } from './Card';
export { Checkbox, type CheckboxProps } from './Checkbox';
export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { CopyButton } from './CopyButton';
export { CopyIconButton, type CopyIconButtonProps } from './CopyIconButton';
export { Dialog, DialogClose, DialogFooter, type DialogProps } from './Dialog';
export {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from './DropdownMenu';
export { EmptyState, type EmptyStateProps } from './EmptyState';
export { Field, Label, useFieldControl, type FieldProps } from './Field';
export { Input, PasswordInput, Textarea, controlClasses } from './Input';
export { Kbd } from './Kbd';
export { LogoMark, Wordmark } from './Logo';
export { Notice, type NoticeProps } from './Notice';
export { Select, type SelectOption, type SelectProps } from './Select';
export { Sheet, type SheetProps } from './Sheet';
export { PageSpinner, Spinner } from './Spinner';
export { Tabs, TabsContent, TabsList, TabsTrigger } from './Tabs';
export { Toaster, toast } from './Toaster';
export { Tooltip, TooltipProvider } from './Tooltip';
export {
  ActionContextMenu,
  ActionMenuButton,
  type MenuEntry,
  type MenuItemEntry,
} from './ActionMenu';
export { COLOR_META, COLOR_ORDER, ColorDot, colorLabel } from './ColorDot';
export { ColorPicker } from './ColorPicker';
export { InlineEdit } from './InlineEdit';
