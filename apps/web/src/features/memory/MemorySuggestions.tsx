import type { Plan } from '@margin/shared';
import { Lightbulb, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button, IconButton, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useReplyRun } from '../chat/live';
import { ReviewDialog } from './ReviewDialog';
import { useInvalidateMemory } from './useMemoryCache';

/** How long after a reply the server may still be writing its memory suggestions. */
const POLL_FOR_MS = 20_000;
const POLL_EVERY_MS = 2_000;

/**
 * After a reply finishes, looks (for ~20 s) for the memory suggestions the server proposes from
 * that turn and offers them in a small card; nothing is saved until the user reviews them.
 */
export function MemorySuggestions({ conversationId }: { conversationId: string }) {
  const utils = trpc.useUtils();
  const invalidate = useInvalidateMemory();
  const run = useReplyRun(conversationId);
  const [pollUntil, setPollUntil] = useState(0);
  const staleId = useRef<string | null>(null);
  const [reviewOpen, setReviewOpen] = useState(false);
  const execute = trpc.pkb.executeUpdates.useMutation();
  const dismiss = trpc.pkb.plans.dismiss.useMutation();

  const latest = trpc.pkb.plans.latest.useQuery(
    { conversationId },
    {
      staleTime: Infinity,
      refetchInterval: (query) => {
        const found = query.state.data;
        if (found && found.planId !== staleId.current) return false;
        return Date.now() < pollUntil ? POLL_EVERY_MS : false;
      },
    },
  );

  const doneJob = run?.phase === 'done' && run.persisted && !run.commandOnly ? run.jobId : null;
  const current = latest.data?.planId ?? null;
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    if (!doneJob) return;
    // A suggestion shown before this reply is not the one to wait for.
    staleId.current = currentRef.current;
    setPollUntil(Date.now() + POLL_FOR_MS);
    void utils.pkb.plans.latest.invalidate({ conversationId });
  }, [doneJob, conversationId, utils]);

  const plan = latest.data;
  if (plan?.kind !== 'chat' || plan.proposals.length === 0) return null;

  const forget = () => {
    setReviewOpen(false);
    utils.pkb.plans.latest.setData({ conversationId }, null);
  };

  const onDismiss = (p: Plan) => {
    dismiss.mutate(
      { planId: p.planId },
      {
        onSuccess: forget,
        onError: (e) => toast.error(getErrorMessage(e)),
      },
    );
  };

  const count = plan.proposals.length;
  return (
    <div
      role="status"
      className="mb-2 flex items-center gap-3 rounded-xl border border-accent/30 bg-accent-soft/50 py-2 pr-2 pl-3 text-sm"
    >
      <Lightbulb aria-hidden className="size-4 shrink-0 text-accent-text" />
      <p className="min-w-0 flex-1 text-fg">
        <span className="font-medium">
          {count} memory {count === 1 ? 'suggestion' : 'suggestions'}
        </span>
        <span className="text-fg-muted max-sm:hidden"> from this answer — review to save</span>
      </p>
      <Button
        size="sm"
        variant="primary"
        onClick={() => {
          setReviewOpen(true);
        }}
      >
        Review
      </Button>
      <IconButton
        size="sm"
        label="Dismiss the suggestions"
        icon={<X />}
        loading={dismiss.isPending}
        onClick={() => {
          onDismiss(plan);
        }}
      />
      <ReviewDialog
        key={plan.planId}
        open={reviewOpen}
        onOpenChange={setReviewOpen}
        title="Remember these?"
        description="Margin noticed these facts about you in the conversation. Edit them, untick what is wrong, then save."
        proposals={plan.proposals}
        onSave={(approved) => execute.mutateAsync({ planId: plan.planId, approved })}
        onSaved={() => {
          forget();
          void invalidate();
        }}
      />
    </div>
  );
}
