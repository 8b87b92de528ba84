import type { Message } from '@margin/shared';
import { Eye, EyeOff } from 'lucide-react';
import { Button } from '../../components';
import { useMessageActions } from './actionsContext';
import { previewText } from './plain';

function label(message: Message) {
  return message.role === 'user' ? 'Hidden message' : 'Hidden answer';
}

/** A hidden message, folded to one line: "Hidden message — Show". */
export function HiddenMessageRow({ message, onShow }: { message: Message; onShow: () => void }) {
  return (
    <div className="flex min-h-11 items-center gap-3 rounded-xl border border-dashed border-line-strong px-3.5 py-1.5 text-sm">
      <EyeOff aria-hidden className="size-4 shrink-0 text-fg-subtle" />
      <span className="shrink-0 font-medium text-fg-muted">{label(message)}</span>
      <span className="hidden min-w-0 flex-1 truncate text-fg-subtle sm:block">
        {previewText(message.content, 90)}
      </span>
      <Button size="sm" variant="ghost" className="ml-auto shrink-0" onClick={onShow}>
        Show
      </Button>
    </div>
  );
}

/** Banner above a hidden message the user opened for reading. */
export function HiddenMessageBanner({
  message,
  onCollapse,
}: {
  message: Message;
  onCollapse: () => void;
}) {
  const actions = useMessageActions();
  return (
    <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl bg-soft px-3.5 py-1.5 text-sm text-fg-muted">
      <EyeOff aria-hidden className="size-4 shrink-0 text-fg-subtle" />
      <span className="min-w-0 flex-1">{label(message)} — not included in shared links.</span>
      <div className="flex gap-1">
        <Button size="sm" variant="ghost" onClick={onCollapse}>
          Fold
        </Button>
        <Button
          size="sm"
          variant="secondary"
          icon={<Eye />}
          onClick={() => {
            actions.setHidden(message, false);
          }}
        >
          Unhide
        </Button>
      </div>
    </div>
  );
}
