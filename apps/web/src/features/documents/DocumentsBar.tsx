import type { Document } from '@margin/shared';
import { CircleAlert, X } from 'lucide-react';
import { use, useState } from 'react';
import { Button, IconButton } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { useMediaQuery } from '../../lib/useMediaQuery';
import {
  UploadsContext,
  useDocumentList,
  useDocumentsActions,
  type PendingUpload,
} from './context';
import { DocumentChip, UploadChip } from './DocumentChip';
import { collapseDocuments, documentRef, isPending } from './files';
import { useDocumentActions } from './useDocumentActions';

/** How many indexing jobs are followed live at once (each is an SSE connection). */
const FOLLOWED_JOBS = 2;

const rowClasses =
  'flex items-start gap-2 rounded-lg bg-danger-soft py-1 pr-1 pl-2.5 text-[13px] leading-5 text-danger-text';

function FailedRow({ doc, isLast }: { doc: Document; isLast: boolean }) {
  const { reindex, reindexing, askDelete, confirmDialog } = useDocumentActions(doc, { isLast });
  return (
    <li className={rowClasses}>
      <CircleAlert aria-hidden className="mt-1 size-3.5 shrink-0" />
      <p className="min-w-0 flex-1 py-0.5">
        <span className="font-semibold">{documentRef(doc.ordinal)} couldn't be indexed</span>
        {doc.error ? <span className="text-danger-text/90">: {doc.error}</span> : '.'}
      </p>
      <div className="flex shrink-0 items-center gap-0.5">
        <Button size="sm" variant="ghost" loading={reindexing} onClick={() => void reindex()}>
          Re-index
        </Button>
        <Button size="sm" variant="ghost" onClick={askDelete}>
          Delete
        </Button>
      </div>
      {confirmDialog}
    </li>
  );
}

function UploadErrorRow({ upload, onDismiss }: { upload: PendingUpload; onDismiss: () => void }) {
  return (
    <li className={rowClasses} data-upload-error={upload.name}>
      <CircleAlert aria-hidden className="mt-1 size-3.5 shrink-0" />
      <p className="min-w-0 flex-1 py-0.5">
        <span className="font-semibold break-all">{upload.name}</span>: {upload.error}
      </p>
      <IconButton
        label={`Dismiss the error about ${upload.name}`}
        icon={<X />}
        size="sm"
        tooltip={false}
        className="size-7! shrink-0 text-danger-text hover:bg-danger/10"
        onClick={onDismiss}
      />
    </li>
  );
}

/**
 * The conversation's documents above the composer: a `#doc_N` chip each (indexing progress,
 * failures with the reason), the files being uploaded, and upload errors. Long lists collapse
 * to one line with "+N more" (on phones: one row that scrolls sideways). Renders nothing while
 * there is nothing to show.
 */
export function DocumentsBar() {
  const actions = useDocumentsActions();
  const list = useDocumentList(actions?.conversationId ?? null);
  const { uploads, cancel, dismiss } = use(UploadsContext);
  const phone = useMediaQuery('(max-width: 640px)');
  const [expanded, setExpanded] = useState(false);

  const docs = list.data ?? [];
  if (!actions || (docs.length === 0 && uploads.length === 0 && !list.isError)) return null;

  // Phones: one row that scrolls sideways (all chips); wider screens wrap and collapse.
  const limit = phone ? Number.POSITIVE_INFINITY : 8;
  const collapsed = collapseDocuments(docs, limit);
  const shown = expanded ? docs : collapsed.shown;
  const canCollapse = collapsed.hidden > 0;
  const followed = new Set(
    docs
      .filter(isPending)
      .slice(0, FOLLOWED_JOBS)
      .map((d) => d.id),
  );
  const lastOrdinal = docs.reduce((max, d) => Math.max(max, d.ordinal), 0);
  const failed = docs.filter((d) => d.status === 'failed');
  const active = uploads.filter((u) => u.state !== 'error');
  const uploadErrors = uploads.filter((u) => u.state === 'error');

  return (
    <section aria-label="Documents" className="mb-2">
      <ul className="flex flex-wrap items-center gap-1.5 max-sm:flex-nowrap max-sm:overflow-x-auto max-sm:overscroll-x-contain max-sm:pb-0.5 max-sm:[scrollbar-width:none] max-sm:[&>li]:shrink-0">
        {shown.map((doc) => (
          <DocumentChip
            key={doc.id}
            doc={doc}
            follow={followed.has(doc.id)}
            isLast={doc.ordinal === lastOrdinal}
          />
        ))}
        {active.map((upload) => (
          <UploadChip
            key={upload.key}
            upload={upload}
            onCancel={() => {
              cancel(upload.key);
            }}
          />
        ))}
        {canCollapse ? (
          <li>
            <Button
              size="sm"
              variant="ghost"
              aria-expanded={expanded}
              onClick={() => {
                setExpanded(!expanded);
              }}
            >
              {expanded ? 'Show fewer' : `+${String(collapsed.hidden)} more`}
            </Button>
          </li>
        ) : null}
      </ul>
      {list.isError ? (
        <p role="alert" className="mt-1.5 flex items-center gap-2 text-[13px] text-danger-text">
          Couldn't load the documents: {getErrorMessage(list.error)}
          <Button size="sm" variant="ghost" onClick={() => void list.refetch()}>
            Retry
          </Button>
        </p>
      ) : null}
      {failed.length > 0 || uploadErrors.length > 0 ? (
        <ul className="mt-1.5 flex flex-col gap-1">
          {failed.map((doc) => (
            <FailedRow key={doc.id} doc={doc} isLast={doc.ordinal === lastOrdinal} />
          ))}
          {uploadErrors.map((upload) => (
            <UploadErrorRow
              key={upload.key}
              upload={upload}
              onDismiss={() => {
                dismiss(upload.key);
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
