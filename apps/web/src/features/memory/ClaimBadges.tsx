import type { Claim } from '@margin/shared';
import { Pin } from 'lucide-react';
import { Badge } from '../../components';
import { DOMAIN_LABELS, STATUS_LABELS, STATUS_TONES, TYPE_LABELS } from './labels';
import { formatConfidence } from './why';

/** Type, area, status (when not plain active), pin, confidence and tags of a memory. */
export function ClaimBadges({ claim, compact = false }: { claim: Claim; compact?: boolean }) {
  const confidence = formatConfidence(claim.confidence);
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs text-fg-subtle">
      <Badge tone="accent">{TYPE_LABELS[claim.type]}</Badge>
      <Badge>{DOMAIN_LABELS[claim.domain]}</Badge>
      {claim.status !== 'active' ? (
        <Badge tone={STATUS_TONES[claim.status]} dot>
          {STATUS_LABELS[claim.status]}
        </Badge>
      ) : null}
      {claim.pinned ? (
        <Badge tone="warning">
          <Pin aria-hidden className="size-3" />
          Pinned
        </Badge>
      ) : null}
      {!compact && confidence ? <span title="Confidence">{confidence} sure</span> : null}
      {!compact
        ? claim.tags.map((tag) => (
            <span key={tag} className="rounded-md bg-soft px-1.5 py-0.5 font-medium text-fg-muted">
              #{tag}
            </span>
          ))
        : null}
    </div>
  );
}
