/**
 * CodeMirror 6, loaded on demand (this module is imported lazily, so the editor never weighs on
 * the first page load). Changing the language or theme rebuilds the view around the same text.
 */
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import { indentWithTab } from '@codemirror/commands';
import { oneDark } from '@codemirror/theme-one-dark';
import { keymap } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { CodeLanguage } from './draft';

type Extension = typeof basicSetup;

const base: Extension = EditorView.theme({
  '&': { height: '100%', fontSize: '13px' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    lineHeight: '1.6',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-content': { padding: '10px 0' },
  '.cm-gutters': { border: 'none' },
});

const light: Extension = EditorView.theme(
  {
    '&': { backgroundColor: 'var(--raised)', color: 'var(--fg)' },
    '.cm-gutters': { backgroundColor: 'var(--soft)', color: 'var(--fg-subtle)' },
    '.cm-activeLine': { backgroundColor: 'color-mix(in oklab, var(--accent) 6%, transparent)' },
    '.cm-activeLineGutter': {
      backgroundColor: 'color-mix(in oklab, var(--accent) 10%, transparent)',
    },
    '.cm-cursor': { borderLeftColor: 'var(--fg)' },
  },
  { dark: false },
);

export interface CodeMirrorEditorProps {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  dark: boolean;
  /** Accessible name of the editing surface. */
  label: string;
}

export default function CodeMirrorEditor({
  value,
  onChange,
  language,
  dark,
  label,
}: CodeMirrorEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const editor = new EditorView({
      parent,
      doc: latest.current.value,
      extensions: [
        basicSetup,
        // Tab indents, as in any editor; Escape then Tab leaves the editor (CodeMirror's focus escape).
        keymap.of([indentWithTab]),
        language === 'python' ? python() : javascript(),
        base,
        dark ? oneDark : light,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => {
      view.current = null;
      editor.destroy();
    };
  }, [language, dark, label]);

  // Text replaced from outside (a language switch swapping the starter comment).
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) {
      editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="h-full min-h-0" />;
}
