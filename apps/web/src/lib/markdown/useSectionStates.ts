import { useCallback, useMemo, useState } from 'react';
import { toast } from '../../components';
import { getErrorMessage } from '../errors';
import { trpc } from '../trpc';
import { queueSectionState, type SectionStatesSender } from './sectionSaver';

export interface SectionStates {
  isHidden: (sectionId: string) => boolean;
  setHidden: (sectionId: string, hidden: boolean) => void;
}

/**
 * Hidden sections of one answer, loaded with `sections.get` and saved (debounced, batched) with
 * `sections.update`. The query cache is updated at once, so a message that scrolls away and
 * back keeps its state.
 */
export function usePersistedSectionStates(
  conversationId: string,
  sectionIds: string[],
): SectionStates {
  const utils = trpc.useUtils();
  const input = useMemo(() => ({ conversationId, sectionIds }), [conversationId, sectionIds]);
  const { data } = trpc.sections.get.useQuery(input, { staleTime: Infinity });

  const send = useCallback<SectionStatesSender>(
    (id, states) =>
      utils.client.sections.update
        .mutate({ conversationId: id, states })
        .catch((error: unknown) => {
          toast.error(`Couldn't remember the collapsed section: ${getErrorMessage(error)}`);
        }),
    [utils],
  );

  const setHidden = useCallback(
    (sectionId: string, hidden: boolean) => {
      utils.sections.get.setData(input, (old) => ({ ...old, [sectionId]: { hidden } }));
      queueSectionState(send, conversationId, sectionId, hidden);
    },
    [utils, input, send, conversationId],
  );

  const isHidden = useCallback((sectionId: string) => data?.[sectionId]?.hidden ?? false, [data]);
  return { isHidden, setHidden };
}

/** Section state kept in the page only (the public shared page). */
export function useLocalSectionStates(): SectionStates {
  const [hidden, setState] = useState<Record<string, boolean>>({});
  const setHidden = useCallback((sectionId: string, value: boolean) => {
    setState((old) => ({ ...old, [sectionId]: value }));
  }, []);
  const isHidden = useCallback((sectionId: string) => hidden[sectionId] ?? false, [hidden]);
  return { isHidden, setHidden };
}
