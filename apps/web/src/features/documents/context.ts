import { createContext, use } from 'react';
import { trpc } from '../../lib/trpc';
import { isPending } from './files';

/** Where to open the viewer: a document (by id) and, optionally, a page to scroll to. */
export interface ViewerTarget {
  documentId: string;
  page?: number | undefined;
}

/** What the composer lets the documents feature do with its text. */
export interface ComposerBridge {
  /** Inserts text at the caret (with spaces around it as needed) and focuses the box. */
  insert: (text: string) => void;
}

/** Stable actions of one conversation's documents (functions never change identity). */
export interface DocumentsActions {
  conversationId: string;
  /** Checks and uploads files one after another (one request each). */
  upload: (files: readonly File[]) => void;
  openViewer: (target: ViewerTarget) => void;
  openAddUrl: () => void;
  /** `#doc_N` into the composer (or onto the clipboard when there is no composer). */
  insertReference: (ordinal: number) => void;
  /** The composer registers itself; returns the unregister function. */
  registerComposer: (bridge: ComposerBridge) => () => void;
}

export const DocumentsActionsContext = createContext<DocumentsActions | null>(null);

/** The documents actions of the conversation around (null outside a conversation). */
export function useDocumentsActions(): DocumentsActions | null {
  return use(DocumentsActionsContext);
}

export type UploadState = 'waiting' | 'uploading' | 'error';

/** A file being sent (or refused): shown in the bar until it becomes a document. */
export interface PendingUpload {
  key: string;
  name: string;
  size: number;
  state: UploadState;
  /** 0…1 of the bytes sent. */
  progress: number;
  error?: string;
}

export interface UploadsState {
  uploads: PendingUpload[];
  cancel: (key: string) => void;
  dismiss: (key: string) => void;
}

export const UploadsContext = createContext<UploadsState>({
  uploads: [],
  cancel: () => undefined,
  dismiss: () => undefined,
});

const PENDING_REFRESH_MS = 4000;

/**
 * The conversation's documents (by `#doc_N`). While some are still indexing the list refreshes
 * by itself, so a status is never stuck even when its job is not being followed.
 */
export function useDocumentList(conversationId: string | null) {
  return trpc.documents.list.useQuery(
    { conversationId: conversationId ?? '' },
    {
      enabled: conversationId !== null,
      staleTime: 10_000,
      refetchInterval: (query) => (query.state.data?.some(isPending) ? PENDING_REFRESH_MS : false),
    },
  );
}
