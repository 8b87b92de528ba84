import type { ClaimDomain, PkbExport, Proposal } from '@margin/shared';
import { Download, FileUp, Sparkles } from 'lucide-react';
import { useRef, useState } from 'react';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  ConfirmDialog,
  Field,
  Notice,
  Select,
  Textarea,
  toast,
} from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { downloadText } from '../conversations/download';
import { exportFilename, parseExportFile } from './importFile';
import { ALL, DOMAIN_OPTIONS, withAll } from './labels';
import { ReviewDialog } from './ReviewDialog';
import { useInvalidateMemory } from './useMemoryCache';

/** Paste notes → review the memories found → save; and the whole memory as a JSON file. */
export function ImportTab() {
  return (
    <div className="flex flex-col gap-4">
      <IngestCard />
      <FileCard />
    </div>
  );
}

function IngestCard() {
  const invalidate = useInvalidateMemory();
  const ingest = trpc.pkb.ingestText.useMutation();
  const execute = trpc.pkb.executeIngest.useMutation();
  const [text, setText] = useState('');
  const [domain, setDomain] = useState<ClaimDomain | typeof ALL>(ALL);
  const [error, setError] = useState<string | undefined>();
  const [plan, setPlan] = useState<{ planId: string; proposals: Proposal[] } | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);

  const analyse = async () => {
    setError(undefined);
    if (text.trim() === '') {
      setError('Paste some text to import');
      return;
    }
    try {
      const result = await ingest.mutateAsync({
        text,
        ...(domain === ALL ? {} : { domain }),
      });
      if (result.planId === null || result.proposals.length === 0) {
        toast.info(result.summary || 'No memories found in this text. Try one fact per line.');
        return;
      }
      setPlan({ planId: result.planId, proposals: result.proposals });
      setReviewOpen(true);
    } catch (e) {
      setError(getErrorMessage(e));
    }
  };

  return (
    <Card>
      <CardHeader
        title="Import from text"
        description="Paste notes, a bio or a list. Margin splits it into memories, compares them with what you have, and lets you review before anything is saved."
      />
      <CardBody className="flex flex-col gap-3">
        <Field label="Text" error={error}>
          <Textarea
            rows={7}
            value={text}
            placeholder={
              '- I’m allergic to penicillin\n- I work at Acme as a data engineer\n- I prefer short answers with examples'
            }
            onChange={(e) => {
              setText(e.target.value);
              setError(undefined);
            }}
          />
        </Field>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end sm:justify-between">
          <Field label="Area, when unclear" className="sm:w-56">
            <Select
              value={domain}
              options={withAll('Let Margin decide', DOMAIN_OPTIONS)}
              onValueChange={setDomain}
            />
          </Field>
          <Button
            variant="primary"
            icon={<Sparkles />}
            loading={ingest.isPending}
            onClick={() => void analyse()}
          >
            {ingest.isPending ? 'Reading…' : 'Find memories'}
          </Button>
        </div>
      </CardBody>
      {plan ? (
        <ReviewDialog
          key={plan.planId}
          open={reviewOpen}
          onOpenChange={setReviewOpen}
          title="Review imported memories"
          description="Edit what Margin found, untick what you don’t want, then save."
          proposals={plan.proposals}
          onSave={(approved) => execute.mutateAsync({ planId: plan.planId, approved })}
          onSaved={() => {
            setText('');
            setPlan(null);
            void invalidate();
          }}
        />
      ) : null}
    </Card>
  );
}

function FileCard() {
  const utils = trpc.useUtils();
  const invalidate = useInvalidateMemory();
  const importMutation = trpc.pkb.import.useMutation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [file, setFile] = useState<{ name: string; data: PkbExport } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);

  const exportAll = async () => {
    setExporting(true);
    try {
      const data = await utils.pkb.export.fetch();
      downloadText(exportFilename(), JSON.stringify(data, null, 2), 'application/json');
      toast.success(`Exported ${String(data.claims.length)} memories`);
    } catch (e) {
      toast.error(`Couldn’t export: ${getErrorMessage(e)}`);
    } finally {
      setExporting(false);
    }
  };

  const choose = async (picked: File | undefined) => {
    setFile(null);
    setFileError(null);
    if (!picked) return;
    const parsed = parseExportFile(await picked.text());
    if (parsed.ok) setFile({ name: picked.name, data: parsed.data });
    else setFileError(parsed.error);
  };

  const runImport = async (mode: 'merge' | 'replace') => {
    if (!file) return;
    const result = await importMutation.mutateAsync({ data: file.data, mode });
    toast.success(
      mode === 'replace'
        ? `Memory replaced: ${String(result.created)} memories from ${file.name}`
        : `Imported ${file.name}: ${String(result.created)} added, ${String(result.skipped)} already there`,
    );
    setFile(null);
    if (fileRef.current) fileRef.current.value = '';
    void invalidate();
  };

  return (
    <Card>
      <CardHeader
        title="Export and import"
        description="Download everything as a JSON file (a backup, or to move to another Margin), or load such a file."
      />
      <CardBody className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2">
          <Button icon={<Download />} loading={exporting} onClick={() => void exportAll()}>
            Export JSON
          </Button>
          <Button
            icon={<FileUp />}
            onClick={() => {
              fileRef.current?.click();
            }}
          >
            Choose a file to import…
          </Button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Memory export file"
            tabIndex={-1}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </div>
        {fileError ? (
          <Notice tone="danger" role="alert" title="Can’t import this file">
            {fileError}
          </Notice>
        ) : null}
        {file ? (
          <div className="flex flex-col gap-3 rounded-xl border border-line p-3">
            <p className="text-sm text-fg">
              <span className="font-medium">{file.name}</span>: {file.data.claims.length} memories,{' '}
              {file.data.conflicts.length} conflicts.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="primary"
                loading={importMutation.isPending}
                onClick={() => {
                  runImport('merge').catch((e: unknown) => {
                    toast.error(`Couldn’t import: ${getErrorMessage(e)}`);
                  });
                }}
              >
                Add to my memory
              </Button>
              <Button
                variant="danger"
                disabled={importMutation.isPending}
                onClick={() => {
                  setConfirmReplace(true);
                }}
              >
                Replace my memory…
              </Button>
            </div>
          </div>
        ) : null}
      </CardBody>
      <ConfirmDialog
        open={confirmReplace}
        onOpenChange={setConfirmReplace}
        title="Replace all your memories?"
        description="Every memory, tag, pin and conflict you have now is deleted and replaced by the file’s content. Export first if you may want them back."
        confirmLabel="Replace"
        tone="danger"
        onConfirm={() => runImport('replace')}
      />
    </Card>
  );
}
