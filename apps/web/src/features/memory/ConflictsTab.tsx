import type { Claim, Conflict } from '@margin/shared';
import { CheckCircle2, Pencil, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { Badge, Button, EmptyState, Notice, PageSpinner, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { formatRelative } from '../../lib/format';
import { trpc } from '../../lib/trpc';
import { ClaimBadges } from './ClaimBadges';
import { ClaimDialog } from './ClaimDialog';
import { useInvalidateMemory } from './useMemoryCache';

/** Open conflicts: the memories side by side; keep one (retract the others), keep all, or edit. */
export function ConflictsTab() {
  const conflicts = trpc.pkb.conflicts.list.useQuery();
  const [editing, setEditing] = useState<Claim | null>(null);
  const [editOpen, setEditOpen] = useState(false);

  if (conflicts.isPending) return <PageSpinner label="Loading conflicts" />;
  if (conflicts.isError) {
    return (
      <Notice tone="danger" role="alert" title="Couldn’t load conflicts">
        {getErrorMessage(conflicts.error)}
      </Notice>
    );
  }
  const open = conflicts.data.filter((c) => c.status === 'open');
  return (
    <div className="flex flex-col gap-4">
      {open.length === 0 ? (
        <EmptyState
          icon={<CheckCircle2 />}
          title="No conflicts"
          description="When two memories contradict each other (“I live in Paris” and “I live in Lyon”), they show up here so you can keep the right one. You can also flag a conflict yourself: Memories → Select."
        />
      ) : (
        open.map((conflict) => (
          <ConflictCard
            key={conflict.id}
            conflict={conflict}
            onEdit={(claim) => {
              setEditing(claim);
              setEditOpen(true);
            }}
          />
        ))
      )}
      <ClaimDialog open={editOpen} onOpenChange={setEditOpen} claim={editing ?? undefined} />
    </div>
  );
}

function ConflictCard({
  conflict,
  onEdit,
}: {
  conflict: Conflict;
  onEdit: (claim: Claim) => void;
}) {
  const invalidate = useInvalidateMemory();
  const resolve = trpc.pkb.conflicts.resolve.useMutation();
  const [pendingKey, setPendingKey] = useState<string | null>(null);

  const run = async (
    key: string,
    keepClaimIds: string[],
    action: 'retract_others' | 'keep_all',
  ) => {
    setPendingKey(key);
    try {
      await resolve.mutateAsync({ id: conflict.id, keepClaimIds, action });
      toast.success(
        action === 'keep_all'
          ? 'Kept all — the conflict is closed'
          : 'Kept one — the others are retracted',
      );
      void invalidate();
    } catch (e) {
      toast.error(getErrorMessage(e));
    } finally {
      setPendingKey(null);
    }
  };

  return (
    <section
      aria-label="Conflict"
      className="rounded-2xl border border-warning-text/25 bg-warning-soft/40 p-4"
    >
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <TriangleAlert aria-hidden className="size-4 text-warning-text" />
        <h3 className="text-sm font-semibold text-fg">
          {conflict.reason ?? 'These memories may contradict each other'}
        </h3>
        <Badge tone={conflict.origin === 'manual' ? 'neutral' : 'warning'}>
          {conflict.origin === 'manual' ? 'Flagged by you' : 'Found automatically'}
        </Badge>
        <span className="text-xs text-fg-subtle">{formatRelative(conflict.createdAt)}</span>
      </header>
      <ul className="grid gap-3 sm:grid-cols-2">
        {conflict.claims.map((claim) => (
          <li
            key={claim.id}
            className="flex flex-col gap-2 rounded-xl border border-line bg-raised p-3"
          >
            <p className="text-[15px] leading-snug text-fg">{claim.statement}</p>
            <ClaimBadges claim={claim} compact />
            <div className="mt-auto flex flex-wrap gap-2 pt-1">
              <Button
                size="sm"
                variant="primary"
                loading={pendingKey === claim.id}
                disabled={pendingKey !== null}
                onClick={() => void run(claim.id, [claim.id], 'retract_others')}
              >
                Keep this one
              </Button>
              <Button
                size="sm"
                variant="ghost"
                icon={<Pencil />}
                onClick={() => {
                  onEdit(claim);
                }}
              >
                Edit
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <div className="mt-3 flex justify-end">
        <Button
          size="sm"
          loading={pendingKey === 'all'}
          disabled={pendingKey !== null}
          title="Both can be true: close the conflict and keep every memory"
          onClick={() =>
            void run(
              'all',
              conflict.claims.map((c) => c.id),
              'keep_all',
            )
          }
        >
          Keep all
        </Button>
      </div>
    </section>
  );
}
