import { DOCUMENT_LIMITS } from '@margin/shared';
import { useState, type SubmitEvent } from 'react';
import {
  Button,
  Dialog,
  DialogClose,
  DialogFooter,
  Field,
  Input,
  Notice,
  toast,
} from '../../components';
import { getErrorMessage, getFieldErrors, isClientError } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { documentRef } from './files';
import { normalizeUrl, urlProblem } from './url';

export function AddUrlDialog({
  conversationId,
  open,
  onOpenChange,
}: {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add from a web address"
      description="Margin downloads the page or file (a PDF, an article, an arXiv link…) and indexes it like an upload."
      size="md"
    >
      {open ? (
        <AddUrlForm
          conversationId={conversationId}
          onDone={() => {
            onOpenChange(false);
          }}
        />
      ) : null}
    </Dialog>
  );
}

function AddUrlForm({ conversationId, onDone }: { conversationId: string; onDone: () => void }) {
  const [url, setUrl] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [serverError, setServerError] = useState<string | undefined>();
  const addUrl = trpc.documents.addUrl.useMutation();
  const utils = trpc.useUtils();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const value = normalizeUrl(url);
    const problem = urlProblem(value);
    setServerError(undefined);
    if (problem) {
      setFieldError(problem);
      return;
    }
    setFieldError(undefined);
    setUrl(value);
    try {
      const result = await addUrl.mutateAsync({ conversationId, url: value });
      const docs = await utils.documents.list.fetch({ conversationId }, { staleTime: 0 });
      const doc = docs.find((d) => d.id === result.documentId);
      const ref = doc ? documentRef(doc.ordinal) : 'the document';
      if (result.duplicate) toast.info(`Already attached as ${ref}`, { description: doc?.title });
      else toast.success(`Added as ${ref}`, { description: 'Indexing runs in the background.' });
      onDone();
    } catch (error) {
      const fields = getFieldErrors(error);
      if (fields.url) setFieldError(fields.url);
      else if (isClientError(error)) setServerError(getErrorMessage(error));
      else {
        const message = getErrorMessage(error);
        setServerError(message);
        toast.error("Couldn't add the address", { description: message });
      }
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <Field
        label="Web address"
        error={fieldError}
        hint="A public http(s) address. Private and local network addresses are refused."
      >
        <Input
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          autoFocus
          spellCheck={false}
          maxLength={DOCUMENT_LIMITS.urlMax}
          placeholder="https://arxiv.org/abs/…"
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
            if (fieldError) setFieldError(undefined);
          }}
        />
      </Field>
      {serverError ? (
        <Notice tone="danger" role="alert" title="Couldn't add this address">
          {serverError}
        </Notice>
      ) : null}
      <DialogFooter className="mt-2">
        <DialogClose asChild>
          <Button variant="secondary" disabled={addUrl.isPending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={addUrl.isPending}>
          Add
        </Button>
      </DialogFooter>
    </form>
  );
}
