import { storage } from '../../lib/storage';

export type CodeLanguage = 'python' | 'javascript';

export interface CodeDraft {
  language: CodeLanguage;
  code: string;
  context: string;
}

export const LANGUAGES: readonly { value: CodeLanguage; label: string }[] = [
  { value: 'python', label: 'Python' },
  { value: 'javascript', label: 'JavaScript' },
];

export const STARTER: Record<CodeLanguage, string> = {
  python: '# Write your Python code here\n\n',
  javascript: '// Write your JavaScript code here\n\n',
};

const key = (conversationId: string) => `margin.codeEditor.${conversationId}`;

function isLanguage(value: unknown): value is CodeLanguage {
  return value === 'python' || value === 'javascript';
}

/** The saved draft of a conversation (a fresh Python starter when there is none or it is bad). */
export function loadDraft(conversationId: string): CodeDraft {
  const fresh: CodeDraft = { language: 'python', code: STARTER.python, context: '' };
  const raw = storage.get(key(conversationId));
  if (!raw) return fresh;
  try {
    const parsed = JSON.parse(raw) as Partial<Record<keyof CodeDraft, unknown>>;
    return {
      language: isLanguage(parsed.language) ? parsed.language : 'python',
      code: typeof parsed.code === 'string' ? parsed.code : fresh.code,
      context: typeof parsed.context === 'string' ? parsed.context : '',
    };
  } catch {
    return fresh;
  }
}

export function saveDraft(conversationId: string, draft: CodeDraft): void {
  storage.set(key(conversationId), JSON.stringify(draft));
}

/** Switching language swaps the starter comment if the user has not written anything yet. */
export function switchLanguage(draft: CodeDraft, language: CodeLanguage): CodeDraft {
  const untouched = draft.code.trim() === '' || draft.code === STARTER[draft.language];
  return { ...draft, language, code: untouched ? STARTER[language] : draft.code };
}
