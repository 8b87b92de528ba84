import { useEffect } from 'react';
import { cn } from '../../lib/cn';
import type { SlashCommand } from './commands';

export const paletteOptionId = (listId: string, name: string) => `${listId}-${name}`;

/**
 * The command list shown above the composer while a `/command` (or a `#doc` reference) is being
 * typed.
 */
export function SlashPalette({
  id,
  label = 'Commands',
  commands,
  active,
  onPick,
  onHover,
}: {
  id: string;
  /** What the list offers: "Commands", "Documents". */
  label?: string;
  commands: readonly SlashCommand[];
  active: number;
  onPick: (command: SlashCommand) => void;
  onHover: (index: number) => void;
}) {
  // Long lists (a conversation's documents) scroll: keep the highlighted option in view.
  const activeName = commands[active]?.name;
  useEffect(() => {
    if (activeName === undefined) return;
    document.getElementById(paletteOptionId(id, activeName))?.scrollIntoView({ block: 'nearest' });
  }, [id, activeName]);

  return (
    <div className="absolute inset-x-0 bottom-full z-20 mb-2 overflow-hidden rounded-xl border border-line bg-raised shadow-popover">
      <p className="border-b border-line px-3 py-1.5 text-xs text-fg-subtle">
        {label} · <kbd className="font-sans">↑↓</kbd> to choose,{' '}
        <kbd className="font-sans">Enter</kbd> or <kbd className="font-sans">Tab</kbd> to insert,{' '}
        <kbd className="font-sans">Esc</kbd> to close
      </p>
      <ul id={id} role="listbox" aria-label={label} className="max-h-64 overflow-y-auto p-1">
        {commands.map((command, index) => (
          <li
            key={command.name}
            id={paletteOptionId(id, command.name)}
            role="option"
            aria-selected={index === active}
            className={cn(
              'flex cursor-pointer items-baseline gap-3 rounded-lg px-2.5 py-2 text-sm',
              index === active ? 'bg-soft' : 'hover:bg-soft/60',
            )}
            // Move, not enter: a list popping up under a resting pointer must not change the
            // highlighted option (Enter would then insert another one).
            onMouseMove={() => {
              if (index !== active) onHover(index);
            }}
            onMouseDown={(event) => {
              // Keep the focus (and caret) in the textarea.
              event.preventDefault();
              onPick(command);
            }}
          >
            <span className="shrink-0 font-mono text-[13px] font-medium text-fg">
              {command.label ?? `${command.sigil ?? '/'}${command.name}`}
              {command.args ? <span className="text-fg-subtle"> {command.args}</span> : null}
            </span>
            <span className="min-w-0 truncate text-fg-muted">{command.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
