/** The memory list's filters, and the inputs `claims.list` and `search` take for them. */
import type { ClaimDomain, ClaimStatus, ClaimType } from '@margin/shared';

export interface MemoryFilters {
  query: string;
  type?: ClaimType | undefined;
  domain?: ClaimDomain | undefined;
  status?: ClaimStatus | undefined;
  tag?: string | undefined;
  entity?: string | undefined;
}

export const NO_FILTERS: MemoryFilters = { query: '' };

export const PAGE_SIZE = 30;
export const SEARCH_STEP = 20;
export const SEARCH_MAX = 100;

export function listInput(filters: MemoryFilters) {
  return {
    limit: PAGE_SIZE,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.domain ? { domain: filters.domain } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
  };
}

export function searchInput(filters: MemoryFilters, k: number) {
  const f = {
    ...(filters.type ? { types: [filters.type] } : {}),
    ...(filters.domain ? { domains: [filters.domain] } : {}),
    ...(filters.status ? { statuses: [filters.status] } : {}),
    ...(filters.tag ? { tag: filters.tag } : {}),
    ...(filters.entity ? { entity: filters.entity } : {}),
  };
  return {
    query: filters.query.trim(),
    strategy: 'hybrid' as const,
    k,
    ...(Object.keys(f).length > 0 ? { filters: f } : {}),
  };
}

/** How many filters besides the query are set (for "Clear filters"). */
export function activeFilterCount(filters: MemoryFilters): number {
  return [filters.type, filters.domain, filters.status, filters.tag, filters.entity].filter(Boolean)
    .length;
}
