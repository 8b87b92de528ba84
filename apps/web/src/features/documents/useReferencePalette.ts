import type { SlashCommand } from '../chat/commands';
import { useDocumentList, useDocumentsActions } from './context';
import { matchReferences, referenceQuery } from './references';

/**
 * The `#doc` suggestions for the composer: the `#…` token being typed and the references that
 * match it, or null (no token, no documents, or `text` null while a slash command is typed).
 */
export function useReferencePalette(
  text: string | null,
  caret: number,
): { token: { query: string; start: number }; commands: SlashCommand[] } | null {
  const actions = useDocumentsActions();
  const list = useDocumentList(actions?.conversationId ?? null);
  const docs = list.data;
  if (text === null || !docs || docs.length === 0) return null;
  const token = referenceQuery(text, caret);
  if (!token) return null;
  return { token, commands: matchReferences(token.query, docs) };
}
