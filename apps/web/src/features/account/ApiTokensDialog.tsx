import { createTokenInput, LIMITS, type ApiTokenView } from '@margin/shared';
import { KeySquare, Plus, Trash2 } from 'lucide-react';
import { useRef, useState, type SubmitEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import {
  Badge,
  Button,
  ConfirmDialog,
  CopyButton,
  Dialog,
  EmptyState,
  Field,
  IconButton,
  Input,
  Notice,
  PageSpinner,
  Select,
  type SelectOption,
} from '../../components';
import { getErrorMessage, getFieldErrors } from '../../lib/errors';
import { formatDate, formatRelative } from '../../lib/format';
import { validate, type FieldErrors } from '../../lib/form';
import { trpc } from '../../lib/trpc';

const EXPIRY_OPTIONS = [
  { value: 'never', label: 'Never expires' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
] as const satisfies readonly SelectOption[];

type Expiry = (typeof EXPIRY_OPTIONS)[number]['value'];

export function ApiTokensDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      size="lg"
      title="API tokens"
      description="Personal tokens let scripts and other apps call the Margin API as you."
    >
      <ApiTokensPanel />
    </Dialog>
  );
}

function ApiTokensPanel() {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  if (created) {
    return (
      <NewTokenPanel
        name={created.name}
        token={created.token}
        onDone={() => {
          setCreated(null);
        }}
      />
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <CreateTokenForm onCreated={setCreated} />
      <TokenList />
    </div>
  );
}

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = trpc.auth.tokens.create.useMutation({
    onSuccess: (result, input) => {
      void utils.auth.tokens.list.invalidate();
      onCreated({ name: input.name, token: result.token });
    },
    onError: (error) => {
      const fields = getFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) toast.error(getErrorMessage(error));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const result = validate(createTokenInput, {
      name,
      expiresInDays: expiry === 'never' ? undefined : Number(expiry),
    });
    setErrors(result.errors);
    if (!result.success) return;
    create.mutate(result.data);
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Create API token"
      className="grid gap-3 rounded-xl border border-line bg-soft/50 p-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end"
    >
      <Field label="Token name" error={errors.name ?? errors.expiresInDays}>
        <Input
          name="tokenName"
          placeholder="e.g. Laptop script"
          autoFocus
          maxLength={LIMITS.tokenNameMax}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </Field>
      <Field label="Expires">
        <Select value={expiry} onValueChange={setExpiry} options={EXPIRY_OPTIONS} />
      </Field>
      <Button
        type="submit"
        variant="primary"
        icon={<Plus />}
        loading={create.isPending}
        className="h-10 sm:self-end"
      >
        Create
      </Button>
    </form>
  );
}

function NewTokenPanel({
  name,
  token,
  onDone,
}: {
  name: string;
  token: string;
  onDone: () => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-4" data-testid="new-token">
      <Notice tone="warning" role="status" title={`Token “${name}” created`}>
        Copy it now — for your security it will not be shown again.
      </Notice>
      <Field label="Your new token">
        <div className="flex gap-2">
          <Input
            ref={inputRef}
            readOnly
            value={token}
            className="font-mono text-[13px]"
            onFocus={(e) => {
              e.currentTarget.select();
            }}
          />
          <CopyButton
            value={token}
            onCopyFailed={() => {
              inputRef.current?.focus();
            }}
          />
        </div>
      </Field>
      <p className="text-sm text-fg-muted">
        Send it as{' '}
        <code className="rounded bg-soft px-1 py-0.5 font-mono text-[13px]">
          Authorization: Bearer &lt;token&gt;
        </code>
        .
      </p>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          I’ve copied it
        </Button>
      </div>
    </div>
  );
}

function TokenList() {
  const tokens = trpc.auth.tokens.list.useQuery();
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const utils = trpc.useUtils();
  const revoke = trpc.auth.tokens.revoke.useMutation({
    onSuccess: () => utils.auth.tokens.list.invalidate(),
  });

  let body: ReactNode;
  if (tokens.isPending) {
    body = <PageSpinner label="Loading tokens" />;
  } else if (tokens.isError) {
    body = (
      <Notice tone="danger" role="alert">
        {getErrorMessage(tokens.error)}
      </Notice>
    );
  } else if (tokens.data.length === 0) {
    body = (
      <EmptyState
        size="sm"
        icon={<KeySquare />}
        title="No API tokens yet"
        description="Tokens you create appear here. You can revoke them at any time."
      />
    );
  } else {
    const now = new Date();
    body = (
      <ul className="divide-y divide-line rounded-xl border border-line">
        {tokens.data.map((token) => {
          const expired = token.expiresAt !== null && token.expiresAt < now;
          return (
            <li key={token.id} className="flex items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="truncate text-sm font-medium text-fg">{token.name}</span>
                  <code className="rounded bg-soft px-1.5 py-0.5 font-mono text-xs text-fg-muted">
                    {token.prefix}…
                  </code>
                  {expired ? <Badge tone="danger">Expired</Badge> : null}
                </div>
                <p className="mt-1 text-xs text-fg-subtle">
                  Created {formatDate(token.createdAt)} ·{' '}
                  {token.expiresAt
                    ? `${expired ? 'Expired' : 'Expires'} ${formatDate(token.expiresAt)}`
                    : 'Never expires'}{' '}
                  ·{' '}
                  {token.lastUsedAt
                    ? `Last used ${formatRelative(token.lastUsedAt)}`
                    : 'Never used'}
                </p>
              </div>
              <IconButton
                label={`Revoke ${token.name}`}
                icon={<Trash2 />}
                size="sm"
                className="hover:bg-danger-soft hover:text-danger-text"
                onClick={() => {
                  setRevoking(token);
                  setConfirmOpen(true);
                }}
              />
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
      <h3 id="tokens-heading" className="text-sm font-medium text-fg">
        Your tokens
      </h3>
      {body}
      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Scripts using this token will stop working immediately. This cannot be undone."
        confirmLabel="Revoke token"
        tone="danger"
        onConfirm={async () => {
          if (!revoking) return;
          await revoke.mutateAsync({ id: revoking.id });
          toast.success('Token revoked.');
        }}
      />
    </section>
  );
}
