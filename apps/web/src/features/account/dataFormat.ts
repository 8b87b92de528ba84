/** Words for the "Your data" dialog: what an export will hold, and what an import did. */
import type { AccountImportResult, AccountSummary } from '@margin/shared';
import { formatBytes } from '../documents/files';

// The sentences are English, so the numbers are grouped the English way whatever the locale.
const numberFormat = new Intl.NumberFormat('en');

/** "1 conversation", "1,204 messages". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${numberFormat.format(count)} ${count === 1 ? one : many}`;
}

/** What an export will hold, one item a kind: "12 conversations", "3 documents (4.2 MB)"… */
export function summaryParts(summary: AccountSummary): string[] {
  const documents = plural(summary.documents, 'document');
  return [
    plural(summary.conversations, 'conversation'),
    plural(summary.messages, 'message'),
    summary.documents > 0 && summary.documentBytes > 0
      ? `${documents} (${formatBytes(summary.documentBytes)})`
      : documents,
    plural(summary.prompts, 'prompt'),
    plural(summary.memories, 'memory', 'memories'),
    plural(summary.workspaces, 'workspace'),
  ];
}

/** "a, b and c". */
function listing(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function conversationsAdded(result: AccountImportResult): string[] {
  const inside = [
    ...(result.messages > 0 ? [plural(result.messages, 'message')] : []),
    ...(result.doubts > 0 ? [plural(result.doubts, 'doubt')] : []),
  ];
  if (result.conversations.created === 0) return inside;
  const conversations = plural(result.conversations.created, 'conversation');
  return [inside.length > 0 ? `${conversations} (${inside.join(', ')})` : conversations];
}

function documentsAdded({ created, reindexing }: AccountImportResult['documents']): string[] {
  if (created === 0) return [];
  const documents = plural(created, 'document');
  if (reindexing === 0) return [documents];
  return [
    `${documents} (${reindexing === created ? '' : `${numberFormat.format(reindexing)} `}re-indexing)`,
  ];
}

export interface ImportReport {
  /** "Added 12 conversations (340 messages), 3 documents (re-indexing), 5 prompts and 20 memories." */
  added: string;
  /** "Already there: 2 conversations and 20 memories.", null when nothing was. */
  existing: string | null;
  /** Extra facts worth knowing: renamed prompts, the profile text. */
  notes: string[];
}

/** What an import did, in sentences (the dialog shows them, a toast repeats the first). */
export function describeImportResult(result: AccountImportResult): ImportReport {
  const added = [
    ...(result.workspaces.created > 0 ? [plural(result.workspaces.created, 'workspace')] : []),
    ...conversationsAdded(result),
    ...documentsAdded(result.documents),
    ...(result.prompts.created > 0 ? [plural(result.prompts.created, 'prompt')] : []),
    ...(result.memory.created > 0 ? [plural(result.memory.created, 'memory', 'memories')] : []),
  ];
  const existing = [
    ...(result.conversations.existing > 0
      ? [plural(result.conversations.existing, 'conversation')]
      : []),
    ...(result.prompts.existing > 0 ? [plural(result.prompts.existing, 'prompt')] : []),
    ...(result.memory.skipped > 0 ? [plural(result.memory.skipped, 'memory', 'memories')] : []),
    ...(result.workspaces.existing > 0 ? [plural(result.workspaces.existing, 'workspace')] : []),
  ];
  const notes: string[] = [];
  if (result.prompts.renamed > 0) {
    notes.push(
      result.prompts.renamed === 1
        ? 'A prompt whose name was taken by a different prompt was added with a number after its name (like name_2).'
        : `${plural(result.prompts.renamed, 'prompt')} whose names were taken by different prompts were added with a number after their names (like name_2).`,
    );
  }
  if (result.profileUpdated) notes.push('The file’s “About you” text was added to your profile.');
  return {
    added: added.length > 0 ? `Added ${listing(added)}.` : 'Nothing new to add.',
    existing: existing.length > 0 ? `Already there: ${listing(existing)}.` : null,
    notes,
  };
}
