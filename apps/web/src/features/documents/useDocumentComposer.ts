import { useEffect, useEffectEvent, type ClipboardEvent, type RefObject } from 'react';
import { useDocumentsActions } from './context';
import { pastedFiles } from './files';
import { insertSnippet } from './references';

/**
 * Connects the composer to the documents: "Insert #doc_N" from a chip puts the reference at the
 * caret, and files pasted into the message box are uploaded. Returns the paste handler.
 */
export function useDocumentComposer(
  inputRef: RefObject<HTMLTextAreaElement | null>,
  setText: (update: (current: string) => string) => void,
): (event: ClipboardEvent) => void {
  const actions = useDocumentsActions();

  const insert = useEffectEvent((snippet: string) => {
    const input = inputRef.current;
    let caretAfter = 0;
    setText((current) => {
      const caret =
        input && document.activeElement === input ? input.selectionStart : current.length;
      const next = insertSnippet(current, caret, snippet);
      caretAfter = next.caret;
      return next.text;
    });
    requestAnimationFrame(() => {
      if (!input || input.disabled) return;
      input.focus();
      input.setSelectionRange(caretAfter, caretAfter);
    });
  });

  useEffect(() => {
    if (!actions) return;
    return actions.registerComposer({
      insert: (snippet) => {
        insert(snippet);
      },
    });
  }, [actions]);

  return (event) => {
    if (!actions) return;
    const files = pastedFiles(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    actions.upload(files);
  };
}
