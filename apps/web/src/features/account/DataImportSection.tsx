import { CircleCheck, FileUp, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button, Notice } from '../../components';
import { formatBytes } from '../documents/files';
import { useSystemConfig } from '../shell/LlmStatusNotice';
import type { AccountImport, ImportState } from './dataImportState';

/** Choose an account export, send it with visible progress, then say what it added. */
export function DataImportSection({ importer }: { importer: AccountImport }) {
  const { state, running, start, cancel, clear } = importer;
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const maxBytes = useSystemConfig().data?.limits.maxImportBytes;

  const choose = (picked: File | undefined) => {
    clear();
    setFileError(null);
    setFile(null);
    if (!picked) return;
    if (picked.size === 0) {
      setFileError(`${picked.name} is empty. Choose a file downloaded with “Download everything”.`);
      return;
    }
    // Refused here: the server would cut a far larger upload off before it could answer.
    if (maxBytes !== undefined && picked.size > maxBytes) {
      setFileError(
        `${picked.name} is ${formatBytes(picked.size)}; this server imports files of at most ${formatBytes(maxBytes)} (MAX_IMPORT_MB).`,
      );
      return;
    }
    setFile(picked);
  };

  const runImport = () => {
    if (!file) return;
    start(file);
    setFile(null);
    if (inputRef.current) inputRef.current.value = '';
  };

  return (
    <section aria-labelledby="data-import-heading" className="flex flex-col gap-3">
      <div>
        <h3 id="data-import-heading" className="text-sm font-medium text-fg">
          Import an export
        </h3>
        <p className="mt-1 text-sm text-fg-muted">
          Adds the conversations, documents, prompts and memories of a Margin account export (from
          this server or another) to your account. Nothing is replaced or deleted, and importing the
          same file again adds nothing new.
        </p>
      </div>
      <div className="flex flex-col gap-3 rounded-xl border border-line bg-soft/50 p-4 sm:flex-row sm:items-center">
        <Button
          icon={<FileUp />}
          disabled={running}
          onClick={() => {
            inputRef.current?.click();
          }}
        >
          Choose file…
        </Button>
        <input
          ref={inputRef}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          aria-label="Account export file"
          tabIndex={-1}
          onChange={(e) => {
            choose(e.target.files?.[0]);
          }}
        />
        <p className="flex min-w-0 flex-1 text-sm" data-testid="data-import-file">
          {file ? (
            <>
              <span className="truncate font-medium text-fg">{file.name}</span>
              <span className="shrink-0 whitespace-pre text-fg-subtle">
                {' · '}
                {formatBytes(file.size)}
              </span>
            </>
          ) : (
            <span className="text-fg-subtle">No file chosen</span>
          )}
        </p>
        <Button
          variant="primary"
          icon={<Upload />}
          loading={running}
          disabled={!file}
          onClick={runImport}
        >
          {running ? 'Importing…' : 'Import'}
        </Button>
      </div>
      {fileError ? (
        <Notice tone="danger" role="alert">
          {fileError}
        </Notice>
      ) : null}
      <ImportStatus state={state} onCancel={cancel} />
    </section>
  );
}

/** Progress while the import runs, then its result or error; takes focus when it changes phase. */
function ImportStatus({ state, onCancel }: { state: ImportState; onCancel: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  /** The phase already shown: reopening the dialog on a finished import does not move focus. */
  const shown = useRef(state.phase);
  const running = state.phase === 'uploading' || state.phase === 'importing';
  useEffect(() => {
    if (shown.current === state.phase) return;
    shown.current = state.phase;
    // The Import button is disabled (and the file cleared) when an import starts or ends, so
    // keyboard focus would fall to the page: keep it on what is happening instead. (Each phase's
    // box has its own key: the result is a new element, not the progress box's node reused.)
    const box = ref.current;
    if (state.phase !== 'idle' && box && !box.contains(document.activeElement)) {
      box.focus({ preventScroll: true });
      box.scrollIntoView({ block: 'nearest' });
    }
  }, [state.phase]);

  if (state.phase === 'idle') return null;
  if (running) {
    const percent = state.phase === 'uploading' ? Math.round(state.progress * 100) : null;
    return (
      <div
        key="running"
        ref={ref}
        tabIndex={-1}
        className="flex flex-col gap-2 rounded-xl border border-line p-4 outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <div className="flex items-center gap-3">
          <p role="status" className="min-w-0 flex-1 text-sm text-fg">
            {state.phase === 'uploading' ? 'Uploading' : 'Importing'}{' '}
            <span className="font-medium break-all">{state.fileName}</span>…
            <span className="mt-0.5 block text-xs text-fg-muted">
              {state.phase === 'uploading'
                ? 'Keep this page open until the file is sent.'
                : 'The server is adding your data. You can close this dialog; the import goes on.'}
            </span>
          </p>
          {percent === null ? null : (
            // The progress bar carries the number for screen readers.
            <span aria-hidden className="shrink-0 text-sm text-fg-muted tabular-nums">
              {percent}%
            </span>
          )}
          {state.phase === 'uploading' ? (
            <Button size="sm" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </div>
        <div
          role="progressbar"
          aria-label={state.phase === 'uploading' ? 'Upload progress' : 'Importing'}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={percent === null ? 'Importing' : `${String(percent)}% sent`}
          className="h-1.5 overflow-hidden rounded-full bg-accent/15"
        >
          {percent === null ? (
            <div className="h-full w-2/5 animate-progress rounded-full bg-accent motion-reduce:w-full motion-reduce:animate-none motion-reduce:opacity-50" />
          ) : (
            <div
              className="h-full rounded-full bg-accent transition-[width] duration-300"
              style={{ width: `${String(percent)}%` }}
            />
          )}
        </div>
      </div>
    );
  }
  if (state.phase === 'failed') {
    return (
      <div key="failed" ref={ref} tabIndex={-1} className="rounded-xl outline-none">
        <Notice tone="danger" role="alert" title={`Couldn’t import ${state.fileName}`}>
          {state.message}
          {state.refused ? ' Nothing was added.' : ''}
        </Notice>
      </div>
    );
  }
  const { report } = state;
  return (
    <div
      key="done"
      ref={ref}
      tabIndex={-1}
      role="status"
      aria-labelledby="data-import-result-title"
      className="flex gap-3 rounded-xl bg-success-soft px-3.5 py-3 text-sm text-success-text outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden />
      <div className="min-w-0 leading-relaxed">
        <p id="data-import-result-title" className="font-medium break-words">
          Imported {state.fileName}
        </p>
        <p className="mt-0.5">{report.added}</p>
        {report.existing ? <p className="mt-0.5">{report.existing}</p> : null}
        {report.notes.map((note) => (
          <p key={note} className="mt-0.5 opacity-90">
            {note}
          </p>
        ))}
      </div>
    </div>
  );
}
