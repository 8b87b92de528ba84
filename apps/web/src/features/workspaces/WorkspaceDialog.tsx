import { WORKSPACE_LIMITS, workspaceNameSchema, type Color, type Workspace } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import { toast } from 'sonner';
import {
  Button,
  ColorPicker,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Input,
} from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { validate } from '../../lib/form';
import type { WorkspaceActions } from './useWorkspaceActions';

export interface WorkspaceDialogProps {
  /** undefined = closed; null = a new top-level workspace; a workspace = a folder inside it. */
  parent: Workspace | null | undefined;
  onClose: () => void;
  create: WorkspaceActions['create'];
}

/** "New workspace" / "New folder in …": a name and an optional colour. */
export function WorkspaceDialog({ parent, onClose, create }: WorkspaceDialogProps) {
  return (
    <Dialog
      open={parent !== undefined}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={parent ? `New folder in “${parent.name}”` : 'New workspace'}
      description="Group related conversations. Drag chats onto it from the sidebar."
      size="sm"
    >
      {parent === undefined ? null : (
        <WorkspaceForm parent={parent} create={create} onDone={onClose} />
      )}
    </Dialog>
  );
}

function WorkspaceForm({
  parent,
  create,
  onDone,
}: {
  parent: Workspace | null;
  create: WorkspaceActions['create'];
  onDone: () => void;
}) {
  const [name, setName] = useState('');
  const [color, setColor] = useState<Color | null>(parent?.color ?? null);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(workspaceNameSchema, name);
    if (!result.success) {
      setError(result.errors._form);
      return;
    }
    setError(undefined);
    setPending(true);
    try {
      const created = await create({ name: result.data, color, parentId: parent?.id ?? null });
      toast.success(`Created “${created.name}”.`);
      onDone();
    } catch (caught) {
      const fields = getFieldErrors(caught);
      if (fields.name) setError(fields.name);
      else toast.error(getErrorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <Field label="Name" error={error}>
        <Input
          name="name"
          autoComplete="off"
          autoFocus
          maxLength={WORKSPACE_LIMITS.nameMax}
          placeholder={parent ? 'e.g. 2024' : 'e.g. Papers'}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
      </Field>
      <div className="flex flex-col gap-2">
        <p aria-hidden className="text-sm font-medium text-fg">
          Colour
        </p>
        <ColorPicker value={color} onValueChange={setColor} label="Colour" />
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}
