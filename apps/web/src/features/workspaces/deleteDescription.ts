import type { Workspace } from '@margin/shared';

function count(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Says where the folder's conversations and sub-folders go, as the server will do it. */
export function deleteDescription(workspace: Workspace, all: readonly Workspace[]): string {
  const parent = all.find((w) => w.id === workspace.parentId);
  const fallback = parent ?? all.find((w) => w.isDefault);
  const destination = fallback ? `“${fallback.name}”` : 'General';
  const subfolders = all.filter((w) => w.parentId === workspace.id).length;
  const chats =
    workspace.conversationCount === 0
      ? 'It has no conversations.'
      : `Its ${count(workspace.conversationCount, 'conversation')} will move to ${destination}.`;
  const folders =
    subfolders === 0
      ? ''
      : ` Its ${count(subfolders, 'sub-folder')} will move up to ${parent ? `“${parent.name}”` : 'the top level'}.`;
  return `${chats}${folders} Nothing else is deleted.`;
}
