import { SlidersHorizontal } from 'lucide-react';
import { useState } from 'react';
import { Button, Sheet } from '../../components';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { ChatPopover } from './ChatPopover';
import { OptionsForm } from './OptionsForm';
import { changedCount, type ChatPrefs } from './prefs';

/** "Options": a popover beside the composer, a bottom sheet on phones. */
export function OptionsButton({
  prefs,
  onChange,
  onReset,
  disabled,
}: {
  prefs: ChatPrefs;
  onChange: (changes: Partial<ChatPrefs>) => void;
  onReset: () => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const phone = useMediaQuery('(max-width: 640px)');
  const changed = changedCount(prefs);
  const trigger = (
    <Button
      variant="ghost"
      size="sm"
      icon={<SlidersHorizontal />}
      disabled={disabled}
      aria-label={changed > 0 ? `Options (${String(changed)} changed)` : 'Options'}
      title="Chat options: history, detail, memory pad, saving, prompts"
      className="px-2!"
      onClick={
        phone
          ? () => {
              setOpen(true);
            }
          : undefined
      }
    >
      <span className="hidden sm:inline">Options</span>
      {changed > 0 ? (
        <span
          aria-hidden
          className="flex size-4.5 items-center justify-center rounded-full bg-accent-soft text-[11px] font-semibold text-accent-text"
        >
          {changed}
        </span>
      ) : null}
    </Button>
  );
  const form = <OptionsForm prefs={prefs} onChange={onChange} onReset={onReset} />;
  if (phone) {
    return (
      <>
        {trigger}
        <Sheet open={open} onOpenChange={setOpen} title="Chat options" className="overflow-y-auto">
          {form}
        </Sheet>
      </>
    );
  }
  return (
    <ChatPopover
      open={open}
      onOpenChange={setOpen}
      label="Chat options"
      className="w-[22rem]"
      trigger={trigger}
    >
      <p className="mb-3 text-sm font-medium text-fg">Chat options</p>
      {form}
    </ChatPopover>
  );
}
