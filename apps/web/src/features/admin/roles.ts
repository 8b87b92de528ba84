import type { UserRole } from '@margin/shared';
import type { SelectOption } from '../../components';

export const ROLE_OPTIONS = [
  { value: 'user', label: 'User', description: 'Uses Margin with their own data' },
  { value: 'admin', label: 'Admin', description: 'Can also manage users' },
] as const satisfies readonly SelectOption<UserRole>[];

export const ROLE_LABELS: Record<UserRole, string> = { user: 'User', admin: 'Admin' };
