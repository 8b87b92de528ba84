import { useCallback, useMemo, useRef, useState } from 'react';
import { toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import type { PendingUpload, UploadsState } from './context';
import { documentRef, rejectFile } from './files';
import { uploadDocument } from './upload';
import { useSystemConfig } from '../shell/LlmStatusNotice';

let nextKey = 0;

interface Queued {
  key: string;
  file: File;
}

/**
 * Uploads of one conversation: files are checked, then sent one after another (so `#doc_N`
 * follows the order they were picked in), each with its own progress, cancel and error. An
 * upload stays in the bar until its document is in the list.
 */
export function useUploads(conversationId: string): UploadsState & {
  add: (files: readonly File[]) => void;
} {
  const [uploads, setUploads] = useState<PendingUpload[]>([]);
  const queue = useRef<Queued[]>([]);
  const running = useRef(false);
  const controllers = useRef(new Map<string, AbortController>());
  const utils = trpc.useUtils();
  const maxBytes = useSystemConfig().data?.limits.maxUploadBytes;

  const patch = useCallback((key: string, changes: Partial<PendingUpload>) => {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...changes } : u)));
  }, []);
  const remove = useCallback((key: string) => {
    setUploads((list) => list.filter((u) => u.key !== key));
  }, []);

  const sendOne = useCallback(
    async ({ key, file }: Queued) => {
      const controller = new AbortController();
      controllers.current.set(key, controller);
      patch(key, { state: 'uploading', progress: 0 });
      try {
        const result = await uploadDocument({
          conversationId,
          file,
          signal: controller.signal,
          onProgress: (progress) => {
            patch(key, { progress });
          },
        });
        const docs = await utils.documents.list.fetch({ conversationId }, { staleTime: 0 });
        remove(key);
        if (result.duplicate) {
          const existing = docs.find((d) => d.id === result.documentId);
          toast.info(
            existing
              ? `Already attached as ${documentRef(existing.ordinal)}`
              : `${file.name} is already attached`,
            { description: existing?.title },
          );
        }
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') {
          remove(key);
          return;
        }
        const message = getErrorMessage(error, "The upload didn't finish. Try again.");
        patch(key, { state: 'error', error: message });
        toast.error(`Couldn't attach ${file.name}`, { description: message });
      } finally {
        controllers.current.delete(key);
      }
    },
    [conversationId, patch, remove, utils],
  );

  const pump = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    try {
      for (let next = queue.current.shift(); next; next = queue.current.shift()) {
        await sendOne(next);
      }
    } finally {
      running.current = false;
    }
  }, [sendOne]);

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      const added: PendingUpload[] = [];
      const refused: { name: string; reason: string }[] = [];
      for (const file of files) {
        const key = `upload-${String(++nextKey)}`;
        const reason = rejectFile(file, maxBytes);
        if (reason) {
          refused.push({ name: file.name, reason });
          added.push({
            key,
            name: file.name,
            size: file.size,
            state: 'error',
            progress: 0,
            error: reason,
          });
          continue;
        }
        added.push({ key, name: file.name, size: file.size, state: 'waiting', progress: 0 });
        queue.current.push({ key, file });
      }
      setUploads((list) => [...list, ...added]);
      const [first] = refused;
      if (first) {
        toast.error(
          refused.length === 1
            ? `Couldn't attach ${first.name}`
            : `${String(refused.length)} files can't be attached`,
          {
            description:
              refused.length === 1 ? first.reason : refused.map((r) => r.name).join(', '),
          },
        );
      }
      void pump();
    },
    [pump, maxBytes],
  );

  const cancel = useCallback(
    (key: string) => {
      const controller = controllers.current.get(key);
      if (controller) {
        controller.abort();
        return;
      }
      queue.current = queue.current.filter((q) => q.key !== key);
      remove(key);
    },
    [remove],
  );

  return useMemo(() => ({ uploads, add, cancel, dismiss: remove }), [uploads, add, cancel, remove]);
}
