import { updatePromptInput } from '@margin/shared';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components';
import { getErrorCode, getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';
import { isSaveShortcut } from '../profile/keys';
import { changedFields, draftOf, isDirty, type PromptDraft } from './draft';
import type { PromptDetailPaneProps } from './PromptDetailPane';
import { PromptEditor } from './PromptEditor';
import { PromptHeader } from './PromptHeader';
import { PromptPreview } from './PromptPreview';
import { PromptReadOnly } from './PromptReadOnly';
import { PromptVersions } from './PromptVersions';
import type { PromptDetail, PromptKey } from './types';
import { useUnsavedGuard } from './useUnsavedGuard';

export type WorkspaceTab = 'edit' | 'preview' | 'versions';

const isTab = (value: string): value is WorkspaceTab =>
  value === 'edit' || value === 'preview' || value === 'versions';

export interface PromptWorkspaceProps extends PromptDetailPaneProps {
  /** The input the prompt was loaded with (its cache key). */
  queryKey: PromptKey;
  prompt: PromptDetail;
  /** Why the composed text is unavailable, when it is. */
  previewError: string | null;
  tab: WorkspaceTab;
  onTabChange: (tab: WorkspaceTab) => void;
  backButton: ReactNode;
}

/** One prompt: header, then Edit (or Content) / Preview / Versions, with the unsaved draft. */
export function PromptWorkspace({
  queryKey,
  prompt,
  previewError,
  tab,
  onTabChange,
  backButton,
  listItem,
  facets,
  onDeleted,
  onDuplicate,
}: PromptWorkspaceProps) {
  const utils = trpc.useUtils();
  const saved = draftOf(prompt);
  const [draft, setDraft] = useState<PromptDraft>(saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // A new saved version (ours, or restored) replaces the draft.
  const [baseVersion, setBaseVersion] = useState(prompt.version);
  if (baseVersion !== prompt.version) {
    setBaseVersion(prompt.version);
    setDraft(saved);
    setErrors({});
    setFormError(null);
  }
  const dirty = prompt.editable && isDirty(draft, saved);
  const guard = useUnsavedGuard(dirty);

  const update = trpc.prompts.update.useMutation({
    onSuccess: (updated) => {
      utils.prompts.get.setData(queryKey, updated);
      void utils.prompts.list.invalidate();
      void utils.prompts.versions.invalidate();
    },
  });

  const save = () => {
    if (!dirty || update.isPending) return;
    const result = validate(updatePromptInput, {
      name: prompt.name,
      scope: prompt.scope,
      ...changedFields(draft, saved),
    });
    setErrors(result.errors);
    setFormError(null);
    if (!result.success) return;
    update.mutate(result.data, {
      onSuccess: (updated) => {
        toast.success(`Saved “${updated.name}” as version ${String(updated.version)}.`);
      },
      onError: (error) => {
        const fields = getFieldErrors(error);
        // Include problems (a cycle, nesting too deep) are about the text.
        if (Object.keys(fields).length === 0 && getErrorCode(error) === 'BAD_REQUEST') {
          fields.content = getErrorMessage(error);
        }
        setErrors(fields);
        setFormError(Object.keys(fields).length > 0 ? null : getErrorMessage(error));
      },
    });
  };

  return (
    <div
      className="flex flex-col gap-4 px-4 pt-4 pb-8 @3xl:px-8 @3xl:pt-6"
      onKeyDown={(event) => {
        if (isSaveShortcut(event) && prompt.editable) {
          event.preventDefault();
          save();
        }
      }}
    >
      <div className="@3xl:hidden">{backButton}</div>
      <PromptHeader
        prompt={prompt}
        shadowed={listItem?.shadowed ?? false}
        onDuplicate={onDuplicate}
        onDeleted={() => {
          guard.allowNextNavigation();
          onDeleted();
        }}
      />
      <Tabs
        value={tab}
        onValueChange={(value) => {
          if (isTab(value)) onTabChange(value);
        }}
        className="flex flex-col gap-4"
      >
        <TabsList aria-label="Prompt views" className="self-start">
          <TabsTrigger value="edit">{prompt.editable ? 'Edit' : 'Content'}</TabsTrigger>
          <TabsTrigger value="preview">Preview</TabsTrigger>
          <TabsTrigger value="versions">
            Versions
            <span className="rounded-full bg-soft-hover px-1.5 text-[11px] tabular-nums">
              {prompt.version}
            </span>
          </TabsTrigger>
        </TabsList>
        <TabsContent value="edit">
          {prompt.editable ? (
            <PromptEditor
              draft={draft}
              onChange={setDraft}
              dirty={dirty}
              saving={update.isPending}
              errors={errors}
              formError={formError}
              facets={facets}
              onSave={save}
              onDiscard={() => {
                setDraft(saved);
                setErrors({});
                setFormError(null);
              }}
            />
          ) : (
            <PromptReadOnly prompt={prompt} />
          )}
        </TabsContent>
        <TabsContent value="preview">
          <PromptPreview prompt={prompt} dirty={dirty} error={previewError} />
        </TabsContent>
        <TabsContent value="versions">
          <PromptVersions
            prompt={prompt}
            dirty={dirty}
            onRestore={async (version) => {
              const restored = await update.mutateAsync({
                name: prompt.name,
                scope: prompt.scope,
                content: version.content,
              });
              toast.success(
                `Restored version ${String(version.version)} as version ${String(restored.version)}.`,
              );
            }}
          />
        </TabsContent>
      </Tabs>
      {guard.dialog}
    </div>
  );
}
