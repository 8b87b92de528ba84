import type { AdminUserView } from '@margin/shared';
import { KeyRound, MoreHorizontal, Pencil, UserCheck, UserX } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  IconButton,
} from '../../components';

export type UserAction = 'edit' | 'resetPassword' | 'disable' | 'enable';

export function UserActionsMenu({
  user,
  isSelf,
  onAction,
}: {
  user: AdminUserView;
  isSelf: boolean;
  onAction: (action: UserAction, user: AdminUserView) => void;
}) {
  return (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>
        <IconButton
          label={`Actions for ${user.email}`}
          icon={<MoreHorizontal />}
          size="sm"
          tooltip={false}
        />
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem
          icon={<Pencil />}
          onSelect={() => {
            onAction('edit', user);
          }}
        >
          Edit name and role
        </DropdownMenuItem>
        <DropdownMenuItem
          icon={<KeyRound />}
          onSelect={() => {
            onAction('resetPassword', user);
          }}
        >
          Reset password
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {user.disabled ? (
          <DropdownMenuItem
            icon={<UserCheck />}
            onSelect={() => {
              onAction('enable', user);
            }}
          >
            Enable account
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem
            icon={<UserX />}
            destructive
            disabled={isSelf}
            onSelect={() => {
              onAction('disable', user);
            }}
          >
            {isSelf ? 'You can’t disable yourself' : 'Disable account'}
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
