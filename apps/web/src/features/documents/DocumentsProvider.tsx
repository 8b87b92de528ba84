import { useMemo, useRef, useState, type ReactNode } from 'react';
import { toast } from '../../components';
import { CitationContext, type CitationHandler } from '../../lib/markdown';
import { trpc } from '../../lib/trpc';
import { AddUrlDialog } from './AddUrlDialog';
import {
  DocumentsActionsContext,
  UploadsContext,
  useDocumentList,
  type ComposerBridge,
  type DocumentsActions,
  type ViewerTarget,
} from './context';
import { DocumentViewer } from './DocumentViewer';
import { documentRef } from './files';
import { useUploads } from './useUploads';

/** A viewer request; `request` changes on every open so the same page can be shown again. */
export interface ViewerRequest extends ViewerTarget {
  request: number;
}

async function copyReference(ordinal: number) {
  const ref = documentRef(ordinal);
  try {
    await navigator.clipboard.writeText(ref);
    toast.success(`Copied ${ref}`);
  } catch {
    toast.error(`Couldn't copy ${ref} — type it in your message instead.`);
  }
}

/**
 * One conversation's documents: uploads, the viewer, the "Add from URL" dialog, `#doc_N`
 * insertion into the composer, and what citations in answers open. Wraps the conversation view.
 */
export function DocumentsProvider({
  conversationId,
  children,
}: {
  conversationId: string;
  children: ReactNode;
}) {
  const [viewer, setViewer] = useState<ViewerRequest | null>(null);
  const [addUrlOpen, setAddUrlOpen] = useState(false);
  const composer = useRef<ComposerBridge | null>(null);
  const requests = useRef(0);
  const uploads = useUploads(conversationId);
  const list = useDocumentList(conversationId);
  const { add } = uploads;

  const actions = useMemo<DocumentsActions>(
    () => ({
      conversationId,
      upload: add,
      openViewer: (target) => {
        setViewer({ ...target, request: ++requests.current });
      },
      openAddUrl: () => {
        setAddUrlOpen(true);
      },
      insertReference: (ordinal) => {
        if (composer.current) composer.current.insert(documentRef(ordinal));
        else void copyReference(ordinal);
      },
      registerComposer: (bridge) => {
        composer.current = bridge;
        return () => {
          if (composer.current === bridge) composer.current = null;
        };
      },
    }),
    [conversationId, add],
  );

  const docs = list.data;
  const utils = trpc.useUtils();
  const citations = useMemo<CitationHandler>(
    () => ({
      open: async (ref) => {
        // Clicked before the list arrived: wait for it rather than saying "no such document".
        const current =
          docs ?? (await utils.documents.list.fetch({ conversationId }).catch(() => []));
        const doc = current.find((d) => d.ordinal === ref.ordinal);
        if (!doc) {
          toast.error(`This conversation has no ${documentRef(ref.ordinal)}`, {
            description: 'It may have been deleted (later documents are renumbered).',
          });
          return;
        }
        setViewer({ documentId: doc.id, page: ref.page, request: ++requests.current });
      },
      titleOf: (ordinal) => docs?.find((d) => d.ordinal === ordinal)?.title,
    }),
    [docs, utils, conversationId],
  );

  return (
    <DocumentsActionsContext value={actions}>
      <UploadsContext value={uploads}>
        <CitationContext value={citations}>
          {children}
          <DocumentViewer
            request={viewer}
            onClose={() => {
              setViewer(null);
            }}
          />
          <AddUrlDialog
            conversationId={conversationId}
            open={addUrlOpen}
            onOpenChange={setAddUrlOpen}
          />
        </CitationContext>
      </UploadsContext>
    </DocumentsActionsContext>
  );
}
