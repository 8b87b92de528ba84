import { ArrowLeft, FileQuestion } from 'lucide-react';
import { useState } from 'react';
import { Button, EmptyState, Notice, PageSpinner } from '../../components';
import { getErrorCode, getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import type { Facets } from './filter';
import { PromptWorkspace, type WorkspaceTab } from './PromptWorkspace';
import type { PromptDraftSeed, PromptKey, PromptListItem } from './types';

export interface PromptDetailPaneProps {
  promptKey: PromptKey;
  /** The list entry, when the list has loaded (for "overridden by yours"). */
  listItem: PromptListItem | undefined;
  facets: Facets;
  onBack: () => void;
  onDeleted: () => void;
  onDuplicate: (seed: PromptDraftSeed) => void;
}

/** Loads one prompt (composed; raw if composing fails) and shows it, or why it can't. */
export function PromptDetailPane(props: PromptDetailPaneProps) {
  const { promptKey, onBack } = props;
  const [tab, setTab] = useState<WorkspaceTab>('edit');
  const composed = trpc.prompts.get.useQuery(promptKey);
  // A prompt whose includes no longer compose (e.g. nested too deep) still opens, raw, to be fixed.
  const composeFailed =
    composed.isError && !composed.data && getErrorCode(composed.error) === 'BAD_REQUEST';
  const raw = trpc.prompts.get.useQuery(
    { ...promptKey, compose: false },
    { enabled: composeFailed },
  );
  const prompt = composed.data ?? (composeFailed ? raw.data : undefined);

  const back = (
    <Button
      variant="ghost"
      size="sm"
      icon={<ArrowLeft />}
      onClick={onBack}
      className="-ml-2 @3xl:hidden"
    >
      All prompts
    </Button>
  );

  if (prompt) {
    return (
      <PromptWorkspace
        key={`${prompt.scope}:${prompt.name}`}
        {...props}
        queryKey={promptKey}
        prompt={prompt}
        previewError={composeFailed ? getErrorMessage(composed.error) : null}
        tab={tab}
        onTabChange={setTab}
        backButton={back}
      />
    );
  }

  const error = composeFailed ? raw.error : composed.error;
  if (!error) {
    return (
      <div className="p-4">
        {back}
        <PageSpinner label="Loading prompt" />
      </div>
    );
  }
  if (getErrorCode(error) === 'NOT_FOUND') {
    return (
      <div className="p-4">
        {back}
        <EmptyState
          icon={<FileQuestion />}
          title="This prompt doesn’t exist"
          description={`There is no prompt named “${promptKey.name}”. It may have been deleted or renamed.`}
        />
      </div>
    );
  }
  return (
    <div className="flex flex-col items-start gap-3 p-4">
      {back}
      <Notice tone="danger" role="alert" title="Couldn’t load this prompt">
        {getErrorMessage(error)}
      </Notice>
      <Button
        variant="secondary"
        loading={composed.isFetching || raw.isFetching}
        onClick={() => void (composeFailed ? raw.refetch() : composed.refetch())}
      >
        Try again
      </Button>
    </div>
  );
}
