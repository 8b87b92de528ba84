import { ArrowDown, ArrowUp, X } from 'lucide-react';
import { Button, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useInvalidateMessages } from './useMessages';
import type { MessageSelection } from './useSelection';

/** Height the bar takes at the bottom of the list (the list leaves this much room). */
export const SELECTION_BAR_SPACE = 72;

/**
 * Floating bar while messages are selected: move them up or down together (the selection is
 * kept, so they can be moved again), or clear the selection.
 */
export function SelectionBar({
  conversationId,
  selection,
}: {
  conversationId: string;
  selection: MessageSelection;
}) {
  const move = trpc.messages.move.useMutation();
  const refresh = useInvalidateMessages(conversationId);
  if (!selection.selecting) return null;

  const count = selection.selected.size;
  const moving = move.isPending ? move.variables.direction : null;

  const moveSelected = async (direction: 'up' | 'down') => {
    try {
      const result = await move.mutateAsync({
        conversationId,
        messageIds: [...selection.selected],
        direction,
      });
      if (!result.moved) {
        toast.info(
          direction === 'up'
            ? 'The selection is already at the top.'
            : 'The selection is already at the bottom.',
        );
      }
      await refresh();
    } catch (error) {
      toast.error(getErrorMessage(error));
    }
  };

  return (
    <div
      role="toolbar"
      aria-label="Selected messages"
      className="absolute inset-x-0 bottom-4 z-10 mx-auto flex w-fit max-w-[calc(100%-1rem)] items-center gap-1 rounded-2xl border border-line bg-raised p-1.5 shadow-popover motion-safe:animate-pop-in"
    >
      <span className="px-2 text-sm font-medium whitespace-nowrap text-fg" aria-live="polite">
        {count} selected
      </span>
      <span aria-hidden className="mx-0.5 h-5 w-px bg-line" />
      <Button
        size="sm"
        variant="ghost"
        icon={<ArrowUp />}
        aria-label="Move up"
        disabled={count === 0 || moving !== null}
        loading={moving === 'up'}
        onClick={() => void moveSelected('up')}
      >
        <span className="hidden sm:inline">Move up</span>
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<ArrowDown />}
        aria-label="Move down"
        disabled={count === 0 || moving !== null}
        loading={moving === 'down'}
        onClick={() => void moveSelected('down')}
      >
        <span className="hidden sm:inline">Move down</span>
      </Button>
      <span aria-hidden className="mx-0.5 h-5 w-px bg-line" />
      <Button size="sm" variant="ghost" icon={<X />} onClick={selection.clear}>
        Clear selection
      </Button>
    </div>
  );
}
