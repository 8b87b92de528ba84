import type { AdminUserView } from '@margin/shared';
import { Avatar, Badge } from '../../components';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { ROLE_LABELS } from './roles';
import { UserActionsMenu, type UserAction } from './UserActionsMenu';

interface UsersListProps {
  users: AdminUserView[];
  currentUserId: string;
  onAction: (action: UserAction, user: AdminUserView) => void;
}

function StatusBadge({ disabled }: { disabled: boolean }) {
  return disabled ? (
    <Badge tone="neutral" dot>
      Disabled
    </Badge>
  ) : (
    <Badge tone="success" dot>
      Active
    </Badge>
  );
}

function RoleBadge({ role }: { role: AdminUserView['role'] }) {
  return <Badge tone={role === 'admin' ? 'accent' : 'neutral'}>{ROLE_LABELS[role]}</Badge>;
}

function LastLogin({ date }: { date: Date | null }) {
  if (!date) return <span className="text-fg-subtle">Never</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {formatRelative(date)}
    </time>
  );
}

function Identity({ user, isSelf }: { user: AdminUserView; isSelf: boolean }) {
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Avatar name={user.name} email={user.email} />
      <div className="min-w-0">
        <div className="flex items-center gap-2">
          <span className="truncate font-medium text-fg">{user.name || user.email}</span>
          {isSelf ? <span className="shrink-0 text-xs text-fg-subtle">(you)</span> : null}
        </div>
        {user.name ? <div className="truncate text-xs text-fg-subtle">{user.email}</div> : null}
      </div>
    </div>
  );
}

/** Users as a table on wide screens and as stacked cards on phones. */
export function UsersList({ users, currentUserId, onAction }: UsersListProps) {
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-line text-xs text-fg-subtle">
              <th scope="col" className="px-5 py-3 font-medium">
                User
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Role
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Last login
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Created
              </th>
              <th scope="col" className="w-14 px-3 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {users.map((user) => {
              const isSelf = user.id === currentUserId;
              return (
                <tr key={user.id} className={user.disabled ? 'text-fg-muted' : undefined}>
                  <td className="max-w-72 px-5 py-3">
                    <Identity user={user} isSelf={isSelf} />
                  </td>
                  <td className="px-3 py-3">
                    <RoleBadge role={user.role} />
                  </td>
                  <td className="px-3 py-3">
                    <StatusBadge disabled={user.disabled} />
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-fg-muted">
                    <LastLogin date={user.lastLoginAt} />
                  </td>
                  <td className="px-3 py-3 whitespace-nowrap text-fg-muted">
                    {formatDate(user.createdAt)}
                  </td>
                  <td className="px-3 py-3 text-right">
                    <UserActionsMenu user={user} isSelf={isSelf} onAction={onAction} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <ul className="divide-y divide-line md:hidden" aria-label="Users">
        {users.map((user) => {
          const isSelf = user.id === currentUserId;
          return (
            <li key={user.id} className="flex flex-col gap-3 px-4 py-4">
              <div className="flex items-start justify-between gap-2">
                <Identity user={user} isSelf={isSelf} />
                <UserActionsMenu user={user} isSelf={isSelf} onAction={onAction} />
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <RoleBadge role={user.role} />
                <StatusBadge disabled={user.disabled} />
              </div>
              <dl className="grid grid-cols-2 gap-2 text-xs">
                <div>
                  <dt className="text-fg-subtle">Last login</dt>
                  <dd className="mt-0.5 text-fg-muted">
                    <LastLogin date={user.lastLoginAt} />
                  </dd>
                </div>
                <div>
                  <dt className="text-fg-subtle">Created</dt>
                  <dd className="mt-0.5 text-fg-muted">{formatDate(user.createdAt)}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
    </>
  );
}
