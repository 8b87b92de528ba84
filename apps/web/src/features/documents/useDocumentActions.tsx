import type { Document } from '@margin/shared';
import { Copy, Download, Eye, RefreshCw, TextCursorInput, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { ConfirmDialog, toast, type MenuEntry } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useDocumentsActions } from './context';
import { documentRef, fileUrl, isPending } from './files';

/** Starts a download of the document's file (the server sends it as an attachment). */
export function downloadDocument(doc: Pick<Document, 'id' | 'filename'>) {
  const link = document.createElement('a');
  link.href = fileUrl(doc.id, false);
  link.download = doc.filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

async function copyText(text: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`Copied ${text}`);
  } catch {
    toast.error(`Couldn't copy ${text} automatically.`);
  }
}

/**
 * What can be done with one document (the chip's menu, the failed row, the viewer): view,
 * reference, download, re-index, delete — plus the delete confirmation to render.
 */
export function useDocumentActions(
  doc: Document,
  options: { onDeleted?: () => void; isLast?: boolean } = {},
) {
  const actions = useDocumentsActions();
  const utils = trpc.useUtils();
  const reindex = trpc.documents.reindex.useMutation();
  const remove = trpc.documents.delete.useMutation();
  const [confirming, setConfirming] = useState(false);
  const ref = documentRef(doc.ordinal);
  const conversationId = doc.conversationId;

  const refresh = () => utils.documents.list.invalidate({ conversationId });

  const runReindex = async () => {
    try {
      await reindex.mutateAsync({ id: doc.id });
      await refresh();
      toast.success(`Re-indexing ${ref}`);
    } catch (error) {
      toast.error(`Couldn't re-index ${ref}`, { description: getErrorMessage(error) });
    }
  };

  const runDelete = async () => {
    await remove.mutateAsync({ id: doc.id });
    await refresh();
    void utils.documents.get.invalidate({ id: doc.id });
    toast.success(`Removed ${ref}`, { description: doc.title });
    options.onDeleted?.();
  };

  const entries = (): MenuEntry[] => [
    {
      type: 'item',
      label: 'View',
      icon: <Eye />,
      keepFocus: true,
      onSelect: () => actions?.openViewer({ documentId: doc.id }),
    },
    {
      type: 'item',
      label: `Insert ${ref} in the message`,
      icon: <TextCursorInput />,
      keepFocus: true,
      onSelect: () => actions?.insertReference(doc.ordinal),
    },
    {
      type: 'item',
      label: `Copy ${ref}`,
      icon: <Copy />,
      onSelect: () => void copyText(ref),
    },
    {
      type: 'item',
      label: 'Download',
      icon: <Download />,
      onSelect: () => {
        downloadDocument(doc);
      },
    },
    {
      type: 'item',
      label: 'Re-index',
      icon: <RefreshCw />,
      disabled: isPending(doc) || reindex.isPending,
      onSelect: () => void runReindex(),
    },
    { type: 'separator' },
    {
      type: 'item',
      label: 'Delete…',
      icon: <Trash2 />,
      destructive: true,
      keepFocus: true,
      onSelect: () => {
        setConfirming(true);
      },
    },
  ];

  const confirmDialog = (
    <ConfirmDialog
      open={confirming}
      onOpenChange={setConfirming}
      title={`Delete ${ref}?`}
      description={
        options.isLast === true ? (
          <>“{doc.title}” and its index are removed from this conversation.</>
        ) : (
          <>
            “{doc.title}” and its index are removed from this conversation. Documents after it are
            renumbered ({documentRef(doc.ordinal + 1)} becomes {ref}), so references in earlier
            messages may then point to another document.
          </>
        )
      }
      confirmLabel="Delete"
      tone="danger"
      onConfirm={runDelete}
    />
  );

  return {
    entries,
    confirmDialog,
    reindex: runReindex,
    reindexing: reindex.isPending,
    askDelete: () => {
      setConfirming(true);
    },
  };
}
