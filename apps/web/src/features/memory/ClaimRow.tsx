import type { Claim } from '@margin/shared';
import {
  Archive,
  Ban,
  Copy,
  MessageSquarePlus,
  Pencil,
  Pin,
  PinOff,
  RotateCcw,
  Trash2,
} from 'lucide-react';
import { ActionMenuButton, Checkbox, IconButton, type MenuEntry } from '../../components';
import { cn } from '../../lib/cn';
import { ClaimBadges } from './ClaimBadges';
import { shorten } from './labels';

export type ClaimAction =
  | 'edit'
  | 'togglePin'
  | 'toggleConversationPin'
  | 'attach'
  | 'copyReference'
  | 'historical'
  | 'reactivate'
  | 'retract'
  | 'forget';

export interface ClaimRowProps {
  claim: Claim;
  /** Why a search found it ("text match #2 · meaning 0.83"). */
  why?: string | undefined;
  whyTitle?: string | undefined;
  /** Set when the page was opened from a conversation. */
  conversationPinned?: boolean | undefined;
  hasConversation: boolean;
  selecting: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onAction: (action: ClaimAction, claim: Claim) => void;
  pinPending?: boolean;
}

/** One memory in the list: statement, badges, global pin toggle and the "⋯" actions. */
export function ClaimRow({
  claim,
  why,
  whyTitle,
  conversationPinned,
  hasConversation,
  selecting,
  selected,
  onSelect,
  onAction,
  pinPending,
}: ClaimRowProps) {
  const act = (action: ClaimAction) => () => {
    onAction(action, claim);
  };
  const entries = (): MenuEntry[] => [
    { type: 'item', label: 'Edit…', icon: <Pencil />, onSelect: act('edit'), keepFocus: true },
    ...(hasConversation
      ? ([
          {
            type: 'item',
            label: conversationPinned ? 'Unpin from this chat' : 'Pin to this chat',
            icon: conversationPinned ? <PinOff /> : <Pin />,
            onSelect: act('toggleConversationPin'),
          },
          {
            type: 'item',
            label: 'Use in next message',
            icon: <MessageSquarePlus />,
            onSelect: act('attach'),
          },
        ] satisfies MenuEntry[])
      : []),
    {
      type: 'item',
      label: 'Copy @memory reference',
      icon: <Copy />,
      onSelect: act('copyReference'),
    },
    { type: 'separator' },
    claim.status === 'active' || claim.status === 'contested'
      ? {
          type: 'item',
          label: 'Mark as no longer true',
          icon: <Archive />,
          onSelect: act('historical'),
        }
      : { type: 'item', label: 'Mark as active', icon: <RotateCcw />, onSelect: act('reactivate') },
    ...(claim.status === 'retracted'
      ? []
      : ([
          { type: 'item', label: 'Retract (wrong)', icon: <Ban />, onSelect: act('retract') },
        ] satisfies MenuEntry[])),
    {
      type: 'item',
      label: 'Forget…',
      icon: <Trash2 />,
      destructive: true,
      onSelect: act('forget'),
      keepFocus: true,
    },
  ];

  return (
    <li
      className={cn(
        'group flex items-start gap-3 px-4 py-3 transition-colors hover:bg-soft/40',
        claim.status === 'contested' && 'border-l-2 border-l-warning-text/60',
        (claim.status === 'retracted' || claim.status === 'superseded') && 'opacity-70',
      )}
    >
      {selecting ? (
        <Checkbox
          checked={selected}
          onCheckedChange={onSelect}
          label={<span className="sr-only">Select “{shorten(claim.statement, 40)}”</span>}
          className="pt-1"
        />
      ) : null}
      <div className="min-w-0 flex-1">
        <p
          className={cn(
            'text-[15px] leading-snug break-words text-fg',
            claim.status === 'retracted' && 'line-through decoration-fg-subtle',
          )}
        >
          {claim.statement}
        </p>
        <div className="mt-1.5">
          <ClaimBadges claim={claim} />
        </div>
        {why ? (
          <p className="mt-1 font-mono text-[11px] text-fg-subtle" title={whyTitle}>
            {why}
          </p>
        ) : null}
        {conversationPinned ? (
          <p className="mt-1 text-xs text-accent-text">Pinned to this chat</p>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center gap-0.5">
        <IconButton
          size="sm"
          label={claim.pinned ? 'Unpin (stop using in every answer)' : 'Pin (use in every answer)'}
          icon={claim.pinned ? <Pin className="fill-current" /> : <Pin />}
          aria-pressed={claim.pinned}
          loading={pinPending}
          className={cn(claim.pinned && 'text-warning-text')}
          onClick={act('togglePin')}
        />
        <ActionMenuButton
          label={`Actions for “${shorten(claim.statement, 40)}”`}
          entries={entries}
        />
      </div>
    </li>
  );
}
