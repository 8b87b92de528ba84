import type { EntityType } from '@margin/shared';
import {
  Box,
  Building2,
  FolderKanban,
  Hash,
  Lightbulb,
  MapPin,
  Server,
  Tag,
  User,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { EmptyState, Notice, PageSpinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

const ENTITY_ICONS: Record<EntityType, ReactNode> = {
  person: <User />,
  org: <Building2 />,
  place: <MapPin />,
  topic: <Lightbulb />,
  project: <FolderKanban />,
  system: <Server />,
  other: <Box />,
};

function FacetButton({
  icon,
  label,
  detail,
  count,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  detail?: string;
  count: number;
  onClick: () => void;
}) {
  return (
    <li>
      <button
        type="button"
        onClick={onClick}
        className="flex w-full items-center gap-3 rounded-xl border border-line bg-raised px-3 py-2.5 text-left transition-colors hover:border-accent/40 hover:bg-accent-soft/40 focus-visible:outline-2 focus-visible:outline-accent [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-fg-subtle"
      >
        {icon}
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-fg">{label}</span>
          {detail ? <span className="block text-xs text-fg-subtle">{detail}</span> : null}
        </span>
        <span className="shrink-0 rounded-full bg-soft px-2 py-0.5 text-xs font-medium text-fg-muted">
          {count}
          <span className="sr-only"> {count === 1 ? 'memory' : 'memories'}</span>
        </span>
      </button>
    </li>
  );
}

/** People, places and projects the memories are about; a click lists their memories. */
export function EntitiesTab({ onPick }: { onPick: (name: string) => void }) {
  const entities = trpc.pkb.entities.list.useQuery();
  if (entities.isPending) return <PageSpinner label="Loading entities" />;
  if (entities.isError) {
    return (
      <Notice tone="danger" role="alert" title="Couldn’t load entities">
        {getErrorMessage(entities.error)}
      </Notice>
    );
  }
  if (entities.data.length === 0) {
    return (
      <EmptyState
        icon={<User />}
        title="No people, places or projects yet"
        description="Add names to a memory (“People, places, projects”) and they are listed here, so you can see everything Margin knows about each."
      />
    );
  }
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Entities">
      {entities.data.map((e) => (
        <FacetButton
          key={`${e.type}:${e.name}`}
          icon={ENTITY_ICONS[e.type]}
          label={e.name}
          detail={e.type === 'other' ? undefined : e.type}
          count={e.claimCount}
          onClick={() => {
            onPick(e.name);
          }}
        />
      ))}
    </ul>
  );
}

/** Tags with how many memories carry them; a click lists those memories. */
export function TagsTab({ onPick }: { onPick: (tag: string) => void }) {
  const tags = trpc.pkb.tags.list.useQuery();
  if (tags.isPending) return <PageSpinner label="Loading tags" />;
  if (tags.isError) {
    return (
      <Notice tone="danger" role="alert" title="Couldn’t load tags">
        {getErrorMessage(tags.error)}
      </Notice>
    );
  }
  if (tags.data.length === 0) {
    return (
      <EmptyState
        icon={<Tag />}
        title="No tags yet"
        description="Tags group memories (e.g. “study/maths”). Add them when you add or edit a memory."
      />
    );
  }
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" aria-label="Tags">
      {tags.data.map((t) => (
        <FacetButton
          key={t.name}
          icon={<Hash />}
          label={t.name}
          count={t.claimCount}
          onClick={() => {
            onPick(t.name);
          }}
        />
      ))}
    </ul>
  );
}
