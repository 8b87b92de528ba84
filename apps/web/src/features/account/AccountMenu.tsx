import {
  DatabaseBackup,
  KeyRound,
  LibraryBig,
  LogOut,
  MonitorX,
  SquareTerminal,
  UserRoundPen,
  Users,
} from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { toast } from 'sonner';
import {
  Avatar,
  Badge,
  ConfirmDialog,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useCurrentUser, useSessionCache } from '../auth/session';
import { ProfileDialog } from '../profile/ProfileDialog';
import { ApiTokensDialog } from './ApiTokensDialog';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { DataDialog } from './DataDialog';

type OpenDialog = 'profile' | 'password' | 'tokens' | 'data' | 'logoutEverywhere' | null;

export function AccountMenu() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { signedOut } = useSessionCache();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const lastDialog = useRef<OpenDialog>(null);

  // A dialog opened from a menu item has no trigger to give focus back to (the item is gone):
  // once it has closed, focus goes back to the menu's button, where the person was.
  useEffect(() => {
    if (lastDialog.current !== null && dialog === null && triggerRef.current?.isConnected) {
      triggerRef.current.focus();
    }
    lastDialog.current = dialog;
  }, [dialog]);

  const logout = trpc.auth.logout.useMutation();
  const logoutEverywhere = trpc.auth.logoutEverywhere.useMutation();

  const signOut = () => {
    const pending = toast.loading('Signing out…');
    logout.mutate(undefined, {
      onSuccess: () => {
        toast.dismiss(pending);
        void signedOut();
      },
      onError: (error) => {
        toast.error(getErrorMessage(error), { id: pending });
      },
    });
  };

  const closeDialog = (open: boolean) => {
    if (!open) setDialog(null);
  };

  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger
          ref={triggerRef}
          aria-label="Account menu"
          className="flex size-9 items-center justify-center rounded-full transition-colors hover:bg-soft data-[state=open]:bg-soft"
        >
          <Avatar name={user.name} email={user.email} />
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-64">
          <div className="flex items-center gap-3 px-2.5 py-2">
            <Avatar name={user.name} email={user.email} size="lg" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-fg">{user.name || user.email}</p>
              <p className="truncate text-xs text-fg-subtle">{user.email}</p>
            </div>
            {user.role === 'admin' ? <Badge tone="accent">Admin</Badge> : null}
          </div>
          <DropdownMenuSeparator />
          <DropdownMenuGroup>
            <DropdownMenuItem
              icon={<UserRoundPen />}
              onSelect={() => {
                setDialog('profile');
              }}
            >
              About you…
            </DropdownMenuItem>
            <DropdownMenuItem
              icon={<LibraryBig />}
              onSelect={() => {
                void navigate('/prompts');
              }}
            >
              Prompt library
            </DropdownMenuItem>
          </DropdownMenuGroup>
          <DropdownMenuSeparator />
          <DropdownMenuGroup>
            <DropdownMenuItem
              icon={<KeyRound />}
              onSelect={() => {
                setDialog('password');
              }}
            >
              Change password
            </DropdownMenuItem>
            <DropdownMenuItem
              icon={<SquareTerminal />}
              onSelect={() => {
                setDialog('tokens');
              }}
            >
              API tokens
            </DropdownMenuItem>
            <DropdownMenuItem
              icon={<DatabaseBackup />}
              onSelect={() => {
                setDialog('data');
              }}
            >
              Your data…
            </DropdownMenuItem>
            {user.role === 'admin' ? (
              <DropdownMenuItem
                icon={<Users />}
                onSelect={() => {
                  void navigate('/admin/users');
                }}
              >
                Admin · Users
              </DropdownMenuItem>
            ) : null}
          </DropdownMenuGroup>
          <DropdownMenuSeparator />
          <DropdownMenuItem icon={<LogOut />} onSelect={signOut} disabled={logout.isPending}>
            Log out
          </DropdownMenuItem>
          <DropdownMenuItem
            icon={<MonitorX />}
            destructive
            onSelect={() => {
              setDialog('logoutEverywhere');
            }}
          >
            Log out everywhere
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>

      <ProfileDialog open={dialog === 'profile'} onOpenChange={closeDialog} />
      <ChangePasswordDialog open={dialog === 'password'} onOpenChange={closeDialog} />
      <ApiTokensDialog open={dialog === 'tokens'} onOpenChange={closeDialog} />
      <DataDialog open={dialog === 'data'} onOpenChange={closeDialog} />
      <ConfirmDialog
        open={dialog === 'logoutEverywhere'}
        onOpenChange={closeDialog}
        title="Log out everywhere?"
        description="This ends every signed-in session of your account on all devices, including this one."
        confirmLabel="Log out everywhere"
        tone="danger"
        onConfirm={async () => {
          const { revoked } = await logoutEverywhere.mutateAsync();
          toast.success(
            revoked === 1 ? 'Signed out of 1 session.' : `Signed out of ${revoked} sessions.`,
          );
          await signedOut();
        }}
      />
    </>
  );
}
