import type { SharedConversation, SharedMessage } from '@margin/shared';
import { FileText, Link2Off, RotateCw } from 'lucide-react';
import { Button, EmptyState, LogoMark, Notice, PageSpinner } from '../../components';
import { getErrorCode, getErrorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { CitationContext, SectionedMarkdown, type CitationHandler } from '../../lib/markdown';
import { trpc } from '../../lib/trpc';
import { AssistantLabel, UserBubble } from '../messages';

function SharedMessageItem({
  message,
  conversationId,
}: {
  message: SharedMessage;
  conversationId: string;
}) {
  if (message.role === 'user') {
    return (
      <article
        aria-label="Message"
        className="flex flex-col items-end [contain-intrinsic-size:auto_120px] [content-visibility:auto]"
      >
        <UserBubble content={message.content} />
      </article>
    );
  }
  return (
    <article
      aria-label="Answer"
      className="[contain-intrinsic-size:auto_480px] [content-visibility:auto]"
    >
      <AssistantLabel model={message.model} />
      <SectionedMarkdown text={message.content} conversationId={conversationId} persist={false} />
    </article>
  );
}

/** Where a shared document opens: the browser's own viewer, at the page when one is cited. */
function sharedDocumentUrl(token: string, documentId: string, page?: number): string {
  const base = `/files/shared/${encodeURIComponent(token)}/documents/${encodeURIComponent(documentId)}?inline=1`;
  return page === undefined ? base : `${base}#page=${String(page)}`;
}

function SharedBody({ data, token }: { data: SharedConversation; token: string }) {
  const { conversation, messages, documents } = data;
  const title = conversation.title.trim() || 'Shared conversation';
  const byOrdinal = new Map(documents.map((d) => [d.ordinal, d]));
  const citations: CitationHandler = {
    titleOf: (ordinal) => {
      const document = byOrdinal.get(ordinal);
      return document ? document.title || document.filename : undefined;
    },
    open: (ref) => {
      const document = byOrdinal.get(ref.ordinal);
      if (!document) return;
      window.open(sharedDocumentUrl(token, document.id, ref.page), '_blank', 'noopener');
    },
  };
  return (
    <CitationContext value={citations}>
      <title>{`${title} · Margin`}</title>
      <h1 className="text-2xl font-semibold tracking-tight text-balance text-fg sm:text-[28px]">
        {title}
      </h1>
      <p className="mt-2 text-sm text-fg-subtle">
        Shared conversation · started {formatDate(conversation.createdAt)} ·{' '}
        {messages.length === 1 ? '1 message' : `${messages.length} messages`}
      </p>
      {documents.length > 0 ? (
        <ul aria-label="Documents" className="mt-4 flex flex-wrap gap-2">
          {documents.map((document) => (
            <li
              key={document.id}
              className="flex items-center gap-1.5 rounded-lg border border-line bg-raised px-2.5 py-1 text-xs text-fg-muted"
            >
              <a
                href={sharedDocumentUrl(token, document.id)}
                target="_blank"
                rel="noopener"
                className="flex items-center gap-1.5 hover:text-fg focus-visible:outline-2 focus-visible:outline-ring"
              >
                <FileText aria-hidden className="size-3.5 text-fg-subtle" />
                <span className="font-medium text-fg">#doc_{document.ordinal}</span>
                <span className="max-w-48 truncate">{document.title || document.filename}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {messages.length === 0 ? (
        <EmptyState
          className="mt-10"
          title="No messages"
          description="This conversation is empty."
        />
      ) : (
        <div className="mt-10 flex flex-col gap-8">
          {messages.map((message) => (
            <SharedMessageItem
              key={message.id}
              message={message}
              conversationId={conversation.id}
            />
          ))}
        </div>
      )}
    </CitationContext>
  );
}

/** Public, read-only view of a shared conversation: no actions, no private data. */
export function SharedConversationView({ token }: { token: string }) {
  const shared = trpc.conversations.getShared.useQuery({ token }, { staleTime: 5 * 60_000 });

  let body;
  if (shared.isPending) {
    body = <PageSpinner label="Loading the conversation" />;
  } else if (shared.isError && getErrorCode(shared.error) === 'NOT_FOUND') {
    body = (
      <EmptyState
        className="py-24"
        icon={<Link2Off />}
        title="This link is no longer shared"
        description="The owner stopped sharing this conversation, or the link is incomplete."
      />
    );
  } else if (shared.isError) {
    body = (
      <Notice tone="danger" role="alert" title="Couldn't load this conversation">
        <p>{getErrorMessage(shared.error)}</p>
        <Button
          size="sm"
          variant="secondary"
          className="mt-3"
          icon={<RotateCw />}
          onClick={() => void shared.refetch()}
        >
          Try again
        </Button>
      </Notice>
    );
  } else {
    body = <SharedBody data={shared.data} token={token} />;
  }

  return (
    <>
      <main className="mx-auto w-full max-w-[760px] flex-1 px-4 py-10 sm:px-6 sm:py-14">
        {body}
      </main>
      <footer className="flex items-center justify-center gap-2 border-t border-line px-4 py-6 text-xs text-fg-subtle">
        <LogoMark className="size-5!" />
        Shared from Margin
      </footer>
    </>
  );
}
