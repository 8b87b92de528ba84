import type { AdminUserView } from '@margin/shared';
import { ShieldAlert, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import { Button, Card, ConfirmDialog, EmptyState, Notice, PageSpinner } from '../components';
import { CreateUserDialog } from '../features/admin/CreateUserDialog';
import { EditUserDialog } from '../features/admin/EditUserDialog';
import { ResetPasswordDialog } from '../features/admin/ResetPasswordDialog';
import type { UserAction } from '../features/admin/UserActionsMenu';
import { UsersList } from '../features/admin/UsersList';
import { useCurrentUser } from '../features/auth/session';
import { getErrorCode, getErrorMessage } from '../lib/errors';
import { trpc } from '../lib/trpc';

function NotAllowed() {
  return (
    <div className="flex min-h-full items-center justify-center px-5 py-16">
      <EmptyState
        icon={<ShieldAlert />}
        title="You don’t have access to this page"
        description="Only administrators can manage users. Ask an admin if you need an account changed."
        action={
          <Button asChild variant="secondary">
            <Link to="/">Back to Margin</Link>
          </Button>
        }
      />
    </div>
  );
}

export function AdminUsersPage() {
  const me = useCurrentUser();
  if (me.role !== 'admin') {
    return (
      <>
        <title>Not allowed · Margin</title>
        <NotAllowed />
      </>
    );
  }
  return <AdminUsers currentUserId={me.id} />;
}

type Pending = { action: UserAction; user: AdminUserView } | null;

function AdminUsers({ currentUserId }: { currentUserId: string }) {
  const users = trpc.admin.users.list.useQuery();
  const utils = trpc.useUtils();
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [open, setOpen] = useState(false);

  const update = trpc.admin.users.update.useMutation({
    onSuccess: () => utils.admin.users.list.invalidate(),
  });

  const onAction = (action: UserAction, user: AdminUserView) => {
    if (action === 'enable') {
      const id = toast.loading(`Enabling ${user.email}…`);
      update.mutate(
        { id: user.id, disabled: false },
        {
          onSuccess: () => toast.success(`${user.email} can sign in again.`, { id }),
          onError: (error) => toast.error(getErrorMessage(error), { id }),
        },
      );
      return;
    }
    setPending({ action, user });
    setOpen(true);
  };

  if (users.isError && getErrorCode(users.error) === 'FORBIDDEN') return <NotAllowed />;

  const count = users.data?.length;
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 sm:py-10">
      <title>Users · Margin</title>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-fg">Users</h1>
          <p className="mt-1 text-sm text-fg-muted">
            Create accounts, change roles and disable access.
            {count !== undefined
              ? ` ${String(count)} ${count === 1 ? 'account' : 'accounts'}.`
              : ''}
          </p>
        </div>
        <Button
          variant="primary"
          icon={<UserPlus />}
          onClick={() => {
            setCreating(true);
          }}
        >
          Create user
        </Button>
      </div>

      <Card className="overflow-hidden">
        {users.isPending ? (
          <PageSpinner label="Loading users" />
        ) : users.isError ? (
          <div className="p-5">
            <Notice tone="danger" role="alert" title="Couldn’t load users">
              {getErrorMessage(users.error)}
            </Notice>
          </div>
        ) : users.data.length === 0 ? (
          <EmptyState icon={<Users />} title="No users" />
        ) : (
          <UsersList users={users.data} currentUserId={currentUserId} onAction={onAction} />
        )}
      </Card>

      <CreateUserDialog open={creating} onOpenChange={setCreating} />
      {pending ? (
        <>
          <EditUserDialog
            user={pending.user}
            isSelf={pending.user.id === currentUserId}
            open={open && pending.action === 'edit'}
            onOpenChange={setOpen}
          />
          <ResetPasswordDialog
            user={pending.user}
            open={open && pending.action === 'resetPassword'}
            onOpenChange={setOpen}
          />
          <ConfirmDialog
            open={open && pending.action === 'disable'}
            onOpenChange={setOpen}
            title={`Disable ${pending.user.email}?`}
            description="They will not be able to sign in until you enable the account again. Their data is kept."
            confirmLabel="Disable account"
            tone="danger"
            onConfirm={async () => {
              await update.mutateAsync({ id: pending.user.id, disabled: true });
              toast.success(`${pending.user.email} is disabled.`);
            }}
          />
        </>
      ) : null}
    </div>
  );
}
