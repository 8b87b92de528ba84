import { Download } from 'lucide-react';
import { Fragment } from 'react';
import { Button, Dialog, Notice, Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { summaryParts } from './dataFormat';
import { DataImportSection } from './DataImportSection';
import { useAccountImport } from './dataImportState';

/** Same origin, so the session cookie authorises it; the server names the file. */
const EXPORT_URL = '/files/account-export';

/** "Your data": download the whole account as one file, or add such a file to this account. */
export function DataDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const importer = useAccountImport(open);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title="Your data"
      description="Everything in your account as one file — a backup, or a move to another Margin server — and the way back in."
    >
      <div className="flex flex-col gap-6">
        <ExportSection />
        <hr className="border-line" />
        <DataImportSection importer={importer} />
      </div>
    </Dialog>
  );
}

function ExportSection() {
  // Always counted afresh: the point is to say what a download made now would hold.
  const summary = trpc.account.summary.useQuery(undefined, { staleTime: 0 });
  return (
    <section aria-labelledby="data-export-heading" className="flex flex-col gap-3">
      <div>
        <h3 id="data-export-heading" className="text-sm font-medium text-fg">
          Export everything
        </h3>
        <p className="mt-1 text-sm text-fg-muted">
          One JSON file with your workspaces, conversations (with their documents’ files), prompts,
          memories and profile.
        </p>
      </div>
      {summary.isError ? (
        <Notice tone="danger" role="alert">
          Couldn’t count what the export holds: {getErrorMessage(summary.error)}
        </Notice>
      ) : (
        <div
          className="flex min-h-12 items-center rounded-xl border border-line bg-soft/50 px-4 py-3 text-sm text-fg"
          aria-busy={summary.isPending}
        >
          {summary.isPending ? (
            <span className="flex items-center gap-2 text-fg-muted">
              <Spinner size="sm" /> Counting your data…
            </span>
          ) : (
            <p data-testid="data-export-summary">
              {summaryParts(summary.data).map((part, i) => (
                // Lines break between the items, never inside one ("1 / memory").
                <Fragment key={part}>
                  {i > 0 ? ' · ' : ''}
                  <span className="whitespace-nowrap">{part}</span>
                </Fragment>
              ))}
            </p>
          )}
        </div>
      )}
      <div>
        <Button asChild variant="primary">
          <a href={EXPORT_URL} download>
            <Download aria-hidden />
            Download everything
          </a>
        </Button>
      </div>
      <p className="text-xs text-fg-subtle">
        Not included: sign-ins and API tokens, share links, read-aloud audio (made again when asked)
        and temporary chats.
      </p>
    </section>
  );
}
