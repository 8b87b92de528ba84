import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useReferencePalette } from '../documents';
import { useMemoryPalette } from '../memory';
import { insertCommand, matchCommands, paletteQuery, type SlashCommand } from './commands';
import { paletteOptionId, SlashPalette } from './SlashPalette';

/** The textarea grows with its text up to this share of the viewport, then scrolls. */
const MAX_HEIGHT = '40dvh';

/**
 * The message box: grows with the text, sends on Enter (Ctrl/⌘+Enter everywhere; on touch
 * screens Enter is a newline), and offers the slash commands while one is typed at the start and
 * the conversation's `#doc` references while a `#…` is typed, and memories while an `@…` is.
 */
export function ComposerInput({
  value,
  onChange,
  onSubmit,
  disabled,
  placeholder,
  enterSends,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  disabled: boolean;
  placeholder: string;
  /** False on touch screens: Enter inserts a newline there. */
  enterSends: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
}) {
  const inner = useRef<HTMLTextAreaElement | null>(null);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);

  const slash = paletteQuery(value, caret);
  const references = useReferencePalette(slash ? null : value, caret);
  const memories = useMemoryPalette(slash || references ? null : value, caret);
  const token = slash ?? references?.token ?? memories?.token ?? null;
  const commands = slash
    ? matchCommands(slash.query)
    : (references?.commands ?? memories?.commands ?? []);
  const paletteOpen = token !== null && commands.length > 0 && dismissed !== value;
  const activeIndex = Math.min(active, Math.max(0, commands.length - 1));
  const activeCommand = paletteOpen ? commands[activeIndex] : undefined;

  useLayoutEffect(() => {
    const element = inner.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${String(element.scrollHeight)}px`;
  }, [value]);

  const pick = (command: SlashCommand) => {
    if (!token) return;
    const next = insertCommand(value, token.start, caret, command);
    onChange(next.text);
    setCaret(next.caret);
    setActive(0);
    requestAnimationFrame(() => {
      inner.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (paletteOpen && activeCommand) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + commands.length) % commands.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        pick(activeCommand);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the palette only (does not stop a running reply).
        event.preventDefault();
        event.stopPropagation();
        setDismissed(value);
        return;
      }
    }
    if (event.key !== 'Enter' || event.shiftKey || event.altKey) return;
    if (event.ctrlKey || event.metaKey || enterSends) {
      event.preventDefault();
      onSubmit();
    }
  };

  return (
    <div className="relative">
      {paletteOpen ? (
        <SlashPalette
          id={listId}
          label={slash ? 'Commands' : references ? 'Documents' : 'Memories'}
          commands={commands}
          active={activeIndex}
          onPick={pick}
          onHover={setActive}
        />
      ) : null}
      <textarea
        ref={(element) => {
          inner.current = element;
          if (typeof inputRef === 'function') inputRef(element);
          else if (inputRef) inputRef.current = element;
        }}
        rows={1}
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        aria-label="Message"
        aria-keyshortcuts="/"
        aria-autocomplete="list"
        aria-controls={paletteOpen ? listId : undefined}
        aria-activedescendant={
          activeCommand ? paletteOptionId(listId, activeCommand.name) : undefined
        }
        enterKeyHint={enterSends ? 'send' : 'enter'}
        spellCheck
        style={{ maxHeight: MAX_HEIGHT }}
        className="scrollbar-thin block max-h-[40vh] min-h-11 w-full resize-none overflow-y-auto bg-transparent px-4 pt-3 pb-1 text-[15px] leading-6 text-fg outline-none placeholder:text-fg-subtle disabled:cursor-not-allowed"
        onChange={(event) => {
          onChange(event.target.value);
          setCaret(event.target.selectionStart);
          setActive(0);
        }}
        onSelect={(event) => {
          setCaret(event.currentTarget.selectionStart);
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
