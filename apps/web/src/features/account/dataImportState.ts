/**
 * The running account import. It lives in the always-mounted dialog shell, not in the dialog's
 * content, so closing the dialog does not lose an import that is still being sent or applied:
 * reopening shows its progress, and when it ends while the dialog is closed a toast says how.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toast } from '../../components';
import { getErrorMessage, isClientError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { describeImportResult, type ImportReport } from './dataFormat';
import { uploadAccountExport } from './dataUpload';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; progress: number }
  | { phase: 'importing'; fileName: string }
  | { phase: 'done'; fileName: string; report: ImportReport }
  | {
      phase: 'failed';
      fileName: string;
      message: string;
      /** The server refused the file, so certainly nothing was written (not so for a lost connection). */
      refused: boolean;
    };

export interface AccountImport {
  state: ImportState;
  running: boolean;
  start: (file: File) => void;
  /** Stops sending the file; once the server has it all, the import can no longer be stopped. */
  cancel: () => void;
  /** Forgets a finished import's result or error. */
  clear: () => void;
}

export function useAccountImport(dialogOpen: boolean): AccountImport {
  const utils = trpc.useUtils();
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);
  /** True while bytes are still going out: only then does cancelling stop the import. */
  const sending = useRef(false);
  const openRef = useRef(dialogOpen);
  useEffect(() => {
    openRef.current = dialogOpen;
  }, [dialogOpen]);

  const start = useCallback(
    (file: File) => {
      if (controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      sending.current = true;
      const fileName = file.name;
      setState({ phase: 'uploading', fileName, progress: 0 });
      uploadAccountExport({
        file,
        signal: abort.signal,
        onProgress: (progress) => {
          setState((s) => (s.phase === 'uploading' ? { ...s, progress } : s));
        },
        onSent: () => {
          sending.current = false;
          setState({ phase: 'importing', fileName });
        },
      })
        .then((result) => {
          const report = describeImportResult(result);
          setState({ phase: 'done', fileName, report });
          // New conversations, prompts and memories: every list on screen may have changed.
          void utils.invalidate();
          if (!openRef.current) {
            toast.success(`Imported ${fileName}`, {
              description: [report.added, report.existing].filter(Boolean).join(' '),
            });
          }
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') {
            setState({ phase: 'idle' });
            return;
          }
          const message = getErrorMessage(error, 'The import did not finish. Try again.');
          setState({ phase: 'failed', fileName, message, refused: isClientError(error) });
          if (!openRef.current)
            toast.error(`Couldn’t import ${fileName}`, { description: message });
        })
        .finally(() => {
          controller.current = null;
          sending.current = false;
        });
    },
    [utils],
  );

  const cancel = useCallback(() => {
    if (sending.current) controller.current?.abort();
  }, []);

  const clear = useCallback(() => {
    setState((s) => (s.phase === 'done' || s.phase === 'failed' ? { phase: 'idle' } : s));
  }, []);

  const running = state.phase === 'uploading' || state.phase === 'importing';
  return useMemo(
    () => ({ state, running, start, cancel, clear }),
    [state, running, start, cancel, clear],
  );
}
