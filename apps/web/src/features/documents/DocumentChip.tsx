import type { Document } from '@margin/shared';
import { CircleAlert, Clock, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { ActionMenuButton, IconButton, Spinner, toast, Tooltip } from '../../components';
import { cn } from '../../lib/cn';
import { useJobStream } from '../../lib/jobs';
import { trpc } from '../../lib/trpc';
import { useDocumentsActions, type PendingUpload } from './context';
import { documentFacts, documentRef, formatBytes, isPending } from './files';
import { KindIcon } from './KindIcon';
import { useDocumentActions } from './useDocumentActions';

const chipClasses =
  'relative flex h-8 max-w-full min-w-0 items-stretch overflow-hidden rounded-lg border text-[13px] shadow-xs pointer-coarse:h-10 max-sm:max-w-[15rem] sm:max-w-[18rem]';

function ProgressLine({
  fraction,
  label,
}: {
  /** 0…1, or null while the amount is unknown (an indeterminate sweep). */
  fraction: number | null;
  label: string;
}) {
  const percent =
    fraction === null ? undefined : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className="pointer-events-none absolute inset-x-0 bottom-0 h-[3px] overflow-hidden bg-accent/15"
    >
      {percent === undefined ? (
        <div className="h-full w-2/5 animate-progress bg-accent motion-reduce:w-full motion-reduce:animate-none motion-reduce:opacity-50" />
      ) : (
        <div
          className="h-full bg-accent transition-[width] duration-300"
          style={{ width: `${String(percent)}%` }}
        />
      )}
    </div>
  );
}

interface IndexingState {
  /** "Queued", "Indexing", "Page 3 of 14"… */
  label: string;
  /** Short form in the chip: "3/14". */
  short: string;
  fraction: number | null;
}

/** Follows a document's indexing job (when `follow`), refreshing the list when it ends. */
function useIndexing(doc: Document, follow: boolean): IndexingState | null {
  const utils = trpc.useUtils();
  const pending = isPending(doc);
  const job = useJobStream(pending && follow ? doc.jobId : null, {
    onEnd: (state) => {
      void utils.documents.list.invalidate({ conversationId: doc.conversationId });
      void utils.documents.get.invalidate({ id: doc.id });
      if (state.phase === 'error') {
        toast.error(`${documentRef(doc.ordinal)} couldn't be indexed`, {
          description: state.error ?? doc.title,
        });
      }
    },
  });
  // A count belongs to the step that reported it ("Reading…": pages; embeddings: chunks); once
  // the job has moved on to another step, the old count is not shown.
  const [countedStep, setCountedStep] = useState<string | null>(null);
  const progressKey = job.progress
    ? `${String(job.progress.done)}/${String(job.progress.total)}`
    : '';
  useEffect(() => {
    if (progressKey !== '') setCountedStep(job.status);
  }, [progressKey, job.status]);

  if (!pending) return null;
  const step = job.status ?? (doc.status === 'queued' ? 'Queued' : 'Indexing…');
  const progress = job.progress;
  if (progress && progress.total > 0 && countedStep === job.status) {
    const done = Math.min(progress.done, progress.total);
    const pages = doc.kind === 'pdf' && /^reading/i.test(step);
    const count = `${String(done)} of ${String(progress.total)}`;
    return {
      label: `${step} · ${pages ? `page ${count}` : count}`,
      short: `${pages ? 'p. ' : ''}${String(done)}/${String(progress.total)}`,
      fraction: done / progress.total,
    };
  }
  return {
    label: step,
    short: doc.status === 'queued' && !job.status ? 'Queued' : '…',
    fraction: null,
  };
}

/** One `#doc_N` chip: opens the viewer; "⋯" for the other actions; progress while indexing. */
export function DocumentChip({
  doc,
  follow,
  isLast,
}: {
  doc: Document;
  /** Follow the indexing job live (only a few at once: each is a server-sent event stream). */
  follow: boolean;
  isLast: boolean;
}) {
  const actions = useDocumentsActions();
  const { entries, confirmDialog } = useDocumentActions(doc, { isLast });
  const indexing = useIndexing(doc, follow);
  const ref = documentRef(doc.ordinal);
  const failed = doc.status === 'failed';
  const status = indexing ? indexing.label : failed ? 'Failed' : 'Ready';

  const tooltip = (
    <span className="flex flex-col gap-0.5 py-0.5">
      <span className="font-semibold">
        {ref} · {doc.title}
      </span>
      <span className="font-normal opacity-80">{documentFacts(doc)}</span>
      {indexing ? <span className="font-normal opacity-80">{indexing.label}</span> : null}
      {failed && doc.error ? <span className="font-normal">{doc.error}</span> : null}
    </span>
  );

  return (
    <li
      className={cn(
        chipClasses,
        failed ? 'border-danger/40 bg-danger-soft' : 'border-line-strong bg-raised',
      )}
      data-document-ordinal={doc.ordinal}
      data-status={doc.status}
    >
      <Tooltip content={tooltip} side="top" align="start">
        <button
          type="button"
          aria-label={`${ref}: ${doc.title} — ${status}. View`}
          className="flex min-w-0 flex-1 items-center gap-1.5 pr-1 pl-2 text-left transition-colors outline-none hover:bg-soft focus-visible:bg-soft focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset"
          onClick={() => actions?.openViewer({ documentId: doc.id })}
        >
          {indexing ? (
            <Spinner size="xs" className="text-accent-text" />
          ) : failed ? (
            <CircleAlert aria-hidden className="size-3.5 shrink-0 text-danger-text" />
          ) : (
            <KindIcon
              kind={doc.kind}
              fromUrl={doc.sourceUrl !== null}
              className="size-3.5 text-fg-subtle"
            />
          )}
          <span className="shrink-0 font-mono text-xs font-semibold text-fg">{ref}</span>
          <span className={cn('min-w-0 truncate', failed ? 'text-danger-text' : 'text-fg-muted')}>
            {doc.title}
          </span>
          {indexing ? (
            <span className="shrink-0 text-xs text-fg-subtle tabular-nums">{indexing.short}</span>
          ) : null}
        </button>
      </Tooltip>
      <ActionMenuButton
        entries={entries}
        label={`Actions for ${ref}`}
        className="h-auto! w-7! shrink-0 rounded-none! border-l border-line/70 pointer-coarse:w-10!"
      />
      {indexing ? (
        <ProgressLine fraction={indexing.fraction} label={`Indexing ${ref}: ${indexing.label}`} />
      ) : null}
      {confirmDialog}
    </li>
  );
}

/** A file on its way: waiting, sending (with %), or being stored once all bytes are sent. */
export function UploadChip({ upload, onCancel }: { upload: PendingUpload; onCancel: () => void }) {
  const waiting = upload.state === 'waiting';
  const sent = upload.progress >= 1;
  const label = waiting
    ? 'Waiting'
    : sent
      ? 'Saving…'
      : `${String(Math.round(upload.progress * 100))}%`;
  return (
    <li
      className={cn(
        chipClasses,
        'items-center gap-1.5 border-dashed border-line-strong bg-raised pl-2',
      )}
      data-upload={upload.name}
    >
      {waiting ? (
        <Clock aria-hidden className="size-3.5 shrink-0 text-fg-subtle" />
      ) : (
        <Spinner size="xs" className="text-accent-text" />
      )}
      <span
        className="min-w-0 truncate text-fg-muted"
        title={`${upload.name} · ${formatBytes(upload.size)}`}
      >
        {upload.name}
      </span>
      <span className="shrink-0 text-xs text-fg-subtle tabular-nums">{label}</span>
      {sent ? (
        <span className="w-2 shrink-0" />
      ) : (
        <IconButton
          label={`Cancel uploading ${upload.name}`}
          icon={<X />}
          size="sm"
          tooltip={false}
          className="size-7! shrink-0 pointer-coarse:size-10!"
          onClick={onCancel}
        />
      )}
      <ProgressLine
        fraction={waiting ? 0 : sent ? null : upload.progress}
        label={`Uploading ${upload.name}`}
      />
    </li>
  );
}
