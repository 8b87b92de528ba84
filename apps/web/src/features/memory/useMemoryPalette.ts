import { keepPreviousData } from '@tanstack/react-query';
import type { SlashCommand } from '../chat/commands';
import { trpc } from '../../lib/trpc';
import { useDebouncedValue } from '../search/useDebouncedValue';
import { memoryCommands, memoryQuery } from './mentions';

const SHOWN = 8;

/**
 * The `@memory` suggestions for the composer's palette: the `@…` token being typed and matching
 * memories (search when something follows the `@`, else the most recent), or null (no token, no
 * memories, or `text` null while another palette is open).
 */
export function useMemoryPalette(
  text: string | null,
  caret: number,
): { token: { query: string; start: number }; commands: SlashCommand[] } | null {
  const token = text === null ? null : memoryQuery(text, caret);
  const query = useDebouncedValue(token?.query.trim() ?? '', 150);
  const searching = token !== null && query !== '';
  const recent = trpc.pkb.claims.list.useQuery(
    { limit: SHOWN, status: 'active' },
    { enabled: token !== null && !searching, staleTime: 30_000 },
  );
  const search = trpc.pkb.search.useQuery(
    { query, k: SHOWN },
    { enabled: searching, placeholderData: keepPreviousData, staleTime: 30_000 },
  );
  if (!token) return null;
  const claims = searching ? (search.data ?? []).map((r) => r.claim) : (recent.data?.items ?? []);
  if (claims.length === 0) return null;
  return { token, commands: memoryCommands(claims) };
}
