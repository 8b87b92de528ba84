/** Markdown and JSON renderings of a conversation: export files and the history view. */
import { conversationQueries, messageQueries, type Executor, type MessageRow } from '@margin/db';
import { CONVERSATION_LIMITS, type ConversationExport, type ExportFormat } from '@margin/shared';
import { requireConversation } from './core.js';
import { conversationNotFound } from './views.js';

const ROLE_HEADING: Record<MessageRow['role'], string> = { user: 'User', assistant: 'Assistant' };

/** A file-name-safe slug: ASCII letters, digits and dashes only, never empty. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
  return slug || 'conversation';
}

function messageHeading(m: MessageRow): string {
  const parts = [ROLE_HEADING[m.role]];
  if (m.role === 'assistant' && m.model) parts.push(`(${m.model})`);
  if (m.hidden) parts.push('(hidden)');
  return parts.join(' ');
}

export function exportConversation({
  db,
  userId,
  id,
  format,
  now = new Date(),
}: {
  db: Executor;
  userId: string;
  id: string;
  format: ExportFormat;
  now?: Date;
}): ConversationExport {
  const found = conversationQueries.findConversationWithWorkspace({ db, id, userId });
  if (!found) throw conversationNotFound();
  const { conversation: c, workspace } = found;
  const messages = messageQueries.listAllMessages({ db, conversationId: c.id });
  const base = `${slugify(c.title)}-${now.toISOString().slice(0, 10)}`;

  if (format === 'json') {
    const document = {
      format: 'margin-conversation',
      version: 1,
      exportedAt: now.toISOString(),
      conversation: {
        id: c.id,
        title: c.title,
        domain: c.domain,
        workspace: { id: workspace.id, name: workspace.name },
        flag: c.flag,
        stateless: c.stateless,
        summary: c.summary,
        memoryPad: c.memoryPad,
        createdAt: c.createdAt.toISOString(),
        lastActivityAt: c.lastActivityAt.toISOString(),
      },
      messages: messages.map((m) => ({
        id: m.id,
        position: m.position,
        role: m.role,
        content: m.content,
        status: m.status,
        hidden: m.hidden,
        model: m.model,
        tldr: m.tldr,
        createdAt: m.createdAt.toISOString(),
      })),
    };
    return { filename: `${base}.json`, content: `${JSON.stringify(document, null, 2)}\n` };
  }

  const parts = [`# ${c.title}`, `_Exported from Margin on ${now.toISOString()}_`];
  if (c.summary.trim()) parts.push('## Summary', c.summary.trim());
  for (const m of messages) parts.push(`## ${messageHeading(m)}`, m.content);
  return { filename: `${base}.md`, content: `${parts.join('\n\n')}\n` };
}

/** Title, running summary, then the last visible messages, as Markdown. */
export function conversationHistory({
  db,
  userId,
  id,
}: {
  db: Executor;
  userId: string;
  id: string;
}): { markdown: string } {
  const c = requireConversation({ db, userId, id });
  const recent = conversationQueries.listRecentVisibleMessages({
    db,
    conversationId: c.id,
    limit: CONVERSATION_LIMITS.historyMessages,
  });
  const parts = [`# ${c.title}`, '## Summary', c.summary.trim() || '_No summary yet._'];
  parts.push('## Recent messages');
  if (recent.length === 0) parts.push('_No messages yet._');
  for (const m of recent) parts.push(`### ${messageHeading(m)}`, m.content);
  return { markdown: `${parts.join('\n\n')}\n` };
}
