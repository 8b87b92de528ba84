import type { Document, DocumentDetail } from '@margin/shared';
import { ChevronDown, Download, FileQuestion, TextCursorInput, X } from 'lucide-react';
import { Dialog as RadixDialog } from 'radix-ui';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Badge, Button, EmptyState, IconButton, Notice, PageSpinner } from '../../components';
import { dialogPanelClasses, overlayClasses } from '../../components/Dialog';
import { cn } from '../../lib/cn';
import { getErrorCode, getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useDocumentList, useDocumentsActions } from './context';
import type { ViewerRequest } from './DocumentsProvider';
import { documentFacts, documentRef, fileUrl, isPending, viewerMode } from './files';
import { KindIcon } from './KindIcon';
import { downloadDocument, useDocumentActions } from './useDocumentActions';
import { AudioView, ImageView, TableView, TextView } from './views';

// pdf.js (several hundred KB) is only loaded when a PDF is opened.
const PdfView = lazy(() => import('./pdf/PdfView').then((m) => ({ default: m.PdfView })));

/**
 * The document viewer: a large dialog (full screen on phones) with the document's title,
 * `#doc_N`, facts and summary, and its content — PDF pages (opened at the cited page), images,
 * text, tables, audio — plus download.
 */
export function DocumentViewer({
  request,
  onClose,
}: {
  request: ViewerRequest | null;
  onClose: () => void;
}) {
  // The last request stays rendered while the dialog animates closed.
  const [shown, setShown] = useState(request);
  if (request && request !== shown) setShown(request);

  return (
    <RadixDialog.Root
      open={request !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlayClasses} />
        <RadixDialog.Content
          aria-describedby={undefined}
          onOpenAutoFocus={(event) => {
            // Focus the dialog itself (Escape closes, Tab enters the toolbar) rather than its
            // first button, whose tooltip would pop up; the PDF view then takes focus to scroll.
            event.preventDefault();
            (event.currentTarget as HTMLElement | null)?.focus();
          }}
          onCloseAutoFocus={(event) => {
            // "Insert #doc_N" moved focus to the composer on purpose: keep it there.
            const active = document.activeElement;
            if (active instanceof HTMLTextAreaElement && active.isConnected) event.preventDefault();
          }}
          className={cn(
            dialogPanelClasses,
            'h-[min(94dvh,1200px)] max-w-6xl overflow-hidden',
            'max-sm:top-0! max-sm:left-0! max-sm:h-dvh! max-sm:max-h-none! max-sm:w-full! max-sm:translate-x-0! max-sm:translate-y-0! max-sm:rounded-none! max-sm:border-0!',
          )}
        >
          {shown ? (
            <ViewerContent key={shown.documentId} request={shown} onClose={onClose} />
          ) : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

function ViewerContent({ request, onClose }: { request: ViewerRequest; onClose: () => void }) {
  const actions = useDocumentsActions();
  const list = useDocumentList(actions?.conversationId ?? null);
  const fromList = list.data?.find((d) => d.id === request.documentId);
  const detail = trpc.documents.get.useQuery(
    { id: request.documentId },
    {
      // While indexing, the detail (page count, preview) is still changing.
      refetchInterval: (query) => (query.state.data && isPending(query.state.data) ? 4000 : false),
    },
  );
  const doc: Document | undefined = detail.data ?? fromList;

  if (!doc) {
    return (
      <>
        <ViewerHeader title="Document" />
        {detail.isError ? (
          <EmptyState
            icon={<FileQuestion />}
            title={
              getErrorCode(detail.error) === 'NOT_FOUND'
                ? 'This document is gone'
                : "Couldn't open the document"
            }
            description={
              getErrorCode(detail.error) === 'NOT_FOUND'
                ? 'It was deleted from this conversation.'
                : getErrorMessage(detail.error)
            }
            className="flex-1"
          />
        ) : (
          <PageSpinner label="Loading the document" />
        )}
      </>
    );
  }
  return <ViewerBody doc={doc} detail={detail.data} request={request} onClose={onClose} />;
}

function ViewerHeader({ title, actions }: { title: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex min-h-14 shrink-0 items-center gap-2 border-b border-line py-2 pr-2 pl-4 sm:pl-5">
      <RadixDialog.Title className="flex min-w-0 flex-1 items-center gap-2 text-base font-semibold tracking-tight text-fg">
        {title}
      </RadixDialog.Title>
      {actions}
      <RadixDialog.Close asChild>
        <IconButton label="Close the viewer" icon={<X />} tooltip={false} />
      </RadixDialog.Close>
    </div>
  );
}

function StatusBadge({ doc }: { doc: Document }) {
  if (doc.status === 'ready') return null;
  if (doc.status === 'failed')
    return (
      <Badge tone="danger" dot>
        Failed
      </Badge>
    );
  return (
    <Badge tone="accent" dot>
      {doc.status === 'queued' ? 'Queued' : 'Indexing…'}
    </Badge>
  );
}

function Summary({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="border-b border-line px-4 py-2 sm:px-5">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
        }}
        className="flex w-full items-start gap-2 rounded-md text-left text-sm text-fg-muted outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <span className="shrink-0 font-medium text-fg">Summary</span>
        <span className={cn('min-w-0 flex-1', open ? 'whitespace-pre-line' : 'truncate')}>
          {text}
        </span>
        <ChevronDown
          aria-hidden
          className={cn('mt-0.5 size-4 shrink-0 transition-transform', open && 'rotate-180')}
        />
      </button>
    </div>
  );
}

function ViewerBody({
  doc,
  detail,
  request,
  onClose,
}: {
  doc: Document;
  detail: DocumentDetail | undefined;
  request: ViewerRequest;
  onClose: () => void;
}) {
  const actions = useDocumentsActions();
  const { reindex, reindexing } = useDocumentActions(doc);
  const ref = documentRef(doc.ordinal);
  const preview = detail?.preview ?? null;
  const mode = viewerMode(doc, preview !== null);
  const inline = fileUrl(doc.id, true);

  const downloadButton = (
    <IconButton
      label={`Download ${doc.filename}`}
      icon={<Download />}
      onClick={() => {
        downloadDocument(doc);
      }}
    />
  );

  let content: ReactNode;
  switch (mode) {
    case 'pdf':
      content = (
        <Suspense fallback={<PageSpinner label="Loading the PDF viewer" />}>
          <PdfView url={inline} title={doc.title} page={request.page} request={request.request} />
        </Suspense>
      );
      break;
    case 'image':
      content = <ImageView url={inline} alt={doc.title} />;
      break;
    case 'audio':
      content = <AudioView url={inline} title={doc.title} />;
      break;
    case 'table':
      content = preview ? (
        <TableView preview={preview} url={inline} documentId={doc.id} kind={doc.kind} />
      ) : null;
      break;
    case 'text':
      content = <TextView url={inline} documentId={doc.id} kind={doc.kind} />;
      break;
    case 'none':
      content = (
        <EmptyState
          icon={<KindIcon kind={doc.kind} />}
          title="No preview for this kind of file"
          description="Download it to open it in its own app. Its text is indexed and can be used in answers."
          action={
            <Button
              icon={<Download />}
              onClick={() => {
                downloadDocument(doc);
              }}
            >
              Download {doc.filename}
            </Button>
          }
          className="flex-1"
        />
      );
      break;
  }

  return (
    <>
      <ViewerHeader
        title={
          <>
            <KindIcon
              kind={doc.kind}
              fromUrl={doc.sourceUrl !== null}
              className="size-4 text-fg-subtle"
            />
            <span className="shrink-0 font-mono text-sm text-accent-text">{ref}</span>
            <span className="min-w-0 truncate">{doc.title}</span>
          </>
        }
        actions={
          <div className="flex shrink-0 items-center">
            {actions ? (
              <IconButton
                label={`Insert ${ref} in the message`}
                icon={<TextCursorInput />}
                onClick={() => {
                  onClose();
                  actions.insertReference(doc.ordinal);
                }}
                className="max-sm:hidden"
              />
            ) : null}
            {downloadButton}
          </div>
        }
      />
      <div className="flex shrink-0 flex-wrap items-center gap-x-3 gap-y-1 border-b border-line px-4 py-1.5 text-xs text-fg-muted sm:px-5">
        <span>{documentFacts(detail ?? doc)}</span>
        <span className="truncate" title={doc.sourceUrl ?? doc.filename}>
          {doc.sourceUrl ? (
            <a
              href={doc.sourceUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="text-accent-text underline decoration-accent-text/30 underline-offset-2 hover:decoration-current"
            >
              {doc.sourceUrl}
            </a>
          ) : (
            doc.filename
          )}
        </span>
        <StatusBadge doc={doc} />
      </div>
      {doc.shortSummary ? <Summary text={doc.shortSummary} /> : null}
      {doc.status === 'failed' ? (
        <div className="shrink-0 px-4 pt-3 sm:px-5">
          <Notice tone="danger" title={`${ref} couldn't be indexed`}>
            <p>{doc.error ?? 'The file could not be read.'}</p>
            <Button
              size="sm"
              variant="secondary"
              className="mt-2"
              loading={reindexing}
              onClick={() => void reindex()}
            >
              Re-index
            </Button>
          </Notice>
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1 flex-col">{content}</div>
    </>
  );
}
