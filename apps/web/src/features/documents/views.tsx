/**
 * The viewer's non-PDF views. Files are fetched same-origin (session cookie) from
 * `/files/documents/:id?inline=1`; text of every kind (HTML included) is shown as plain text by
 * React, never injected as markup.
 */
import type { DocumentKind, DocumentPreview } from '@margin/shared';
import { useQuery } from '@tanstack/react-query';
import { ImageOff, Maximize, Minimize } from 'lucide-react';
import { useState } from 'react';
import {
  Button,
  EmptyState,
  Notice,
  PageSpinner,
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '../../components';
import { getErrorMessage } from '../../lib/errors';

/** Longer texts are cut (the download has everything): a huge <pre> makes the page sluggish. */
export const TEXT_DISPLAY_LIMIT = 400_000;

const toolbarClasses =
  'flex min-h-11 shrink-0 flex-wrap items-center gap-2 border-b border-line px-3 py-1.5 sm:px-4';

async function fetchText(url: string, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  if (!response.ok) {
    throw new Error(
      response.status === 404
        ? 'The file is no longer on the server.'
        : `Couldn't load the file (HTTP ${String(response.status)}).`,
    );
  }
  return response.text();
}

/** JSON is pretty-printed when it parses; anything else is shown as it is. */
export function displayText(raw: string, kind: DocumentKind): { text: string; truncated: boolean } {
  let text = raw;
  if (kind === 'json' && raw.length < 5_000_000) {
    try {
      text = JSON.stringify(JSON.parse(raw), null, 2);
    } catch {
      text = raw;
    }
  }
  if (text.length <= TEXT_DISPLAY_LIMIT) return { text, truncated: false };
  return { text: text.slice(0, TEXT_DISPLAY_LIMIT), truncated: true };
}

export function TextView({
  url,
  documentId,
  kind,
}: {
  url: string;
  documentId: string;
  kind: DocumentKind;
}) {
  const query = useQuery({
    queryKey: ['document-file-text', documentId],
    queryFn: ({ signal }) => fetchText(url, signal),
    staleTime: Infinity,
    retry: 1,
  });
  if (query.isPending) return <PageSpinner label="Loading the text" />;
  if (query.isError) {
    return (
      <div className="p-4">
        <Notice tone="danger" role="alert" title="Couldn't show the file">
          {getErrorMessage(query.error)}
        </Notice>
      </div>
    );
  }
  const { text, truncated } = displayText(query.data, kind);
  return (
    <div className="scrollbar-thin min-h-0 flex-1 overflow-auto">
      {truncated ? (
        <div className="px-4 pt-3 sm:px-5">
          <Notice tone="info">
            Showing the first {TEXT_DISPLAY_LIMIT.toLocaleString()} characters. Download the file to
            see all of it.
          </Notice>
        </div>
      ) : null}
      {text.trim() === '' ? (
        <EmptyState title="This file has no text" size="sm" />
      ) : (
        <pre
          className="px-4 py-3 font-mono text-[13px] leading-relaxed break-words whitespace-pre-wrap text-fg sm:px-5"
          data-testid="document-text"
        >
          {text}
        </pre>
      )}
    </div>
  );
}

export function TableView({
  preview,
  url,
  documentId,
  kind,
}: {
  preview: DocumentPreview;
  url: string;
  documentId: string;
  kind: DocumentKind;
}) {
  const shown = preview.rows.length;
  return (
    <Tabs defaultValue="table" className="flex min-h-0 flex-1 flex-col">
      <div className={toolbarClasses}>
        <TabsList aria-label="Show the data as">
          <TabsTrigger value="table">Table</TabsTrigger>
          <TabsTrigger value="raw">Raw</TabsTrigger>
        </TabsList>
        <span className="text-xs text-fg-muted">
          {shown < preview.totalRows
            ? `First ${shown.toLocaleString()} of ${preview.totalRows.toLocaleString()} rows`
            : `${preview.totalRows.toLocaleString()} rows`}{' '}
          · {preview.columns.length} columns
        </span>
      </div>
      <TabsContent value="table" className="scrollbar-thin min-h-0 flex-1 overflow-auto">
        <table className="min-w-full border-separate border-spacing-0 text-left text-[13px]">
          <thead>
            <tr>
              {preview.columns.map((column, index) => (
                <th
                  key={`${column}-${String(index)}`}
                  scope="col"
                  className="sticky top-0 z-10 border-b border-line-strong bg-raised px-3 py-2 font-semibold whitespace-nowrap text-fg"
                >
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="even:bg-soft/50">
                {preview.columns.map((column, index) => {
                  const cell = row[index] ?? '';
                  return (
                    <td
                      key={`${column}-${String(index)}`}
                      title={cell.length > 60 ? cell : undefined}
                      className="max-w-[28rem] truncate border-b border-line px-3 py-1.5 text-fg-muted"
                    >
                      {cell}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TabsContent>
      <TabsContent value="raw" className="flex min-h-0 flex-1 flex-col">
        <TextView url={url} documentId={documentId} kind={kind} />
      </TabsContent>
    </Tabs>
  );
}

export function ImageView({ url, alt }: { url: string; alt: string }) {
  const [actual, setActual] = useState(false);
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <EmptyState
        icon={<ImageOff />}
        title="Couldn't show the image"
        description="The browser can't display this file. Download it instead."
        className="flex-1"
      />
    );
  }
  return (
    <>
      <div className={toolbarClasses}>
        <Button
          size="sm"
          variant="ghost"
          icon={actual ? <Minimize /> : <Maximize />}
          onClick={() => {
            setActual(!actual);
          }}
        >
          {actual ? 'Fit to the window' : 'Actual size'}
        </Button>
      </div>
      <div className="scrollbar-thin flex min-h-0 flex-1 overflow-auto bg-soft p-3 sm:p-5">
        <img
          src={url}
          alt={alt}
          decoding="async"
          onError={() => {
            setFailed(true);
          }}
          className={
            actual
              ? 'm-auto max-w-none rounded shadow-sm'
              : 'm-auto max-h-full max-w-full rounded object-contain shadow-sm'
          }
        />
      </div>
    </>
  );
}

export function AudioView({ url, title }: { url: string; title: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6">
      <p className="text-sm text-fg-muted">{title}</p>
      <audio controls preload="metadata" src={url} className="w-full max-w-xl">
        Your browser can't play this file. Download it instead.
      </audio>
    </div>
  );
}
