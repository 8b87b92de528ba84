import type { Message, MessageMemoryUse } from '@margin/shared';
import { Brain, EyeOff, ExternalLink, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { chatStore } from '../chat/store';
import { memoryPageLink } from './links';
import { MemoryPopover } from './MemoryPopover';
import { describeWhy, formatWhy, VIA_LABELS } from './why';

/**
 * "Memories used (N)" under an answer: which memories it was given and why (pinned, referenced,
 * search ranks), with "Don't use in this conversation" and a link to the memory.
 */
export function MemoriesUsed({ message }: { message: Message }) {
  const ready =
    message.role === 'assistant' &&
    message.status === 'complete' &&
    !chatStore.isEphemeral(message.id);
  const usage = trpc.pkb.usage.forMessage.useQuery(
    { messageId: message.id },
    { enabled: ready, staleTime: 5 * 60_000 },
  );
  const [open, setOpen] = useState(false);
  const uses = usage.data ?? [];
  if (!ready || uses.length === 0) return null;
  const label = `Memories used (${String(uses.length)})`;
  return (
    <MemoryPopover
      open={open}
      onOpenChange={setOpen}
      title="Memories used in this answer"
      side="top"
      trigger={
        <Button
          variant="ghost"
          size="sm"
          icon={<Brain />}
          className="h-7 px-2 text-xs text-fg-muted"
          aria-label={label}
        >
          {label}
        </Button>
      }
    >
      <UsageList conversationId={message.conversationId} uses={uses} />
    </MemoryPopover>
  );
}

function UsageList({ conversationId, uses }: { conversationId: string; uses: MessageMemoryUse[] }) {
  const utils = trpc.useUtils();
  const exclude = trpc.pkb.usage.exclude.useMutation();
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());

  const setExcludedFor = async (claimId: string, on: boolean) => {
    try {
      await exclude.mutateAsync({ conversationId, claimId, excluded: on });
      const next = new Set(excluded);
      if (on) next.add(claimId);
      else next.delete(claimId);
      setExcluded(next);
      void utils.pkb.conversationPins.invalidate();
      if (on) {
        toast.success('It won’t be used in this conversation again', {
          action: {
            label: 'Undo',
            onClick: () => void setExcludedFor(claimId, false),
          },
        });
      }
    } catch (e) {
      toast.error(getErrorMessage(e));
    }
  };

  return (
    <ul className="flex flex-col gap-2">
      {uses.map(({ claim, why }) => {
        const scores = formatWhy(why);
        const isExcluded = excluded.has(claim.id);
        return (
          <li key={claim.id} className="rounded-lg border border-line p-2.5">
            <p className="text-sm leading-snug text-fg">{claim.statement}</p>
            <div
              className="mt-1.5 flex flex-wrap items-center gap-1.5 text-xs text-fg-subtle"
              title={describeWhy(why)}
            >
              <Badge tone={why.via === 'search' || !why.via ? 'neutral' : 'accent'}>
                {why.via ? VIA_LABELS[why.via] : 'Found by search'}
              </Badge>
              {scores ? <span className="font-mono">{scores}</span> : null}
              {isExcluded ? <Badge tone="warning">Not used in this chat</Badge> : null}
            </div>
            <div className="mt-2 flex flex-wrap gap-1">
              {isExcluded ? (
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<Undo2 />}
                  className="h-7 px-2 text-xs"
                  onClick={() => void setExcludedFor(claim.id, false)}
                >
                  Use it again
                </Button>
              ) : (
                <Button
                  size="sm"
                  variant="ghost"
                  icon={<EyeOff />}
                  className="h-7 px-2 text-xs"
                  onClick={() => void setExcludedFor(claim.id, true)}
                >
                  Don’t use in this conversation
                </Button>
              )}
              <Button asChild size="sm" variant="ghost" className="h-7 px-2 text-xs">
                <Link to={memoryPageLink({ conversationId, query: claim.statement })}>
                  <ExternalLink />
                  Open in Memory
                </Link>
              </Button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
