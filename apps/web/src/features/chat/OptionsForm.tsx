import { Link } from 'react-router';
import { Button, Checkbox, Field, Input, Textarea } from '../../components';
import { trpc } from '../../lib/trpc';
import { DETAIL_LABELS, type ChatPrefs, type Detail, type HistoryMode } from './prefs';
import { Segmented } from './Segmented';

const HISTORY_OPTIONS = [
  { value: 'turns', label: 'Recent' },
  { value: 'all', label: 'All' },
  { value: 'none', label: 'None' },
] as const satisfies readonly { value: HistoryMode; label: string }[];

const DETAIL_OPTIONS = ([1, 2, 3, 4] as const).map((d) => ({
  value: String(d) as `${Detail}`,
  label: DETAIL_LABELS[d],
}));

function SectionTitle({ children }: { children: string }) {
  return <p className="mb-1.5 text-xs font-medium text-fg-subtle">{children}</p>;
}

function PromptFragments({
  selected,
  onChange,
}: {
  selected: readonly string[];
  onChange: (names: string[]) => void;
}) {
  const prompts = trpc.prompts.list.useQuery(undefined, { staleTime: 60_000 });
  if (prompts.isPending) return <p className="text-xs text-fg-subtle">Loading prompts…</p>;
  const items = (prompts.data ?? []).filter((p) => !p.shadowed);
  if (items.length === 0) {
    return (
      <p className="text-xs text-fg-subtle">
        No prompts yet. Write some in the{' '}
        <Link to="/prompts" className="font-medium text-accent-text hover:underline">
          prompt library
        </Link>
        .
      </p>
    );
  }
  return (
    <div
      role="group"
      aria-label="Prompt fragments"
      className="scrollbar-thin flex max-h-32 flex-col gap-1 overflow-y-auto rounded-lg border border-line p-1.5"
    >
      {items.map((prompt) => (
        <Checkbox
          key={prompt.name}
          className="rounded-md px-1.5 py-1 hover:bg-soft"
          checked={selected.includes(prompt.name)}
          onCheckedChange={(on) => {
            onChange(
              on
                ? [...selected, prompt.name].slice(0, 10)
                : selected.filter((n) => n !== prompt.name),
            );
          }}
          label={<span className="font-mono text-[13px]">{prompt.name}</span>}
        />
      ))}
    </div>
  );
}

/** Options of the next messages: context, depth, memory pad, saving, prompts, instructions. */
export function OptionsForm({
  prefs,
  onChange,
  onReset,
}: {
  prefs: ChatPrefs;
  onChange: (changes: Partial<ChatPrefs>) => void;
  onReset: () => void;
}) {
  return (
    <div className="flex flex-col gap-4">
      <div>
        <SectionTitle>History sent with the question</SectionTitle>
        <Segmented
          label="History"
          value={prefs.historyMode}
          options={HISTORY_OPTIONS}
          onChange={(historyMode) => {
            onChange({ historyMode });
          }}
        />
        {prefs.historyMode === 'turns' ? (
          <label className="mt-2 flex items-center gap-2 text-[13px] text-fg-muted">
            Last
            <span className="w-16 shrink-0">
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                className="h-8! px-2! text-center"
                value={prefs.historyTurns}
                onChange={(event) => {
                  const n = Math.round(Number(event.target.value));
                  if (event.target.value !== '' && Number.isFinite(n))
                    onChange({ historyTurns: Math.min(100, Math.max(1, n)) });
                }}
              />
            </span>
            turns
          </label>
        ) : null}
      </div>
      <div>
        <SectionTitle>Answer detail</SectionTitle>
        <Segmented
          label="Answer detail"
          value={String(prefs.detail) as `${Detail}`}
          options={DETAIL_OPTIONS}
          onChange={(value) => {
            onChange({ detail: Number(value) as Detail });
          }}
        />
      </div>
      <div className="flex flex-col gap-2.5">
        <Checkbox
          checked={prefs.useMemoryPad}
          onCheckedChange={(useMemoryPad) => {
            onChange({ useMemoryPad });
          }}
          label="Use memory pad"
          description="Send this conversation's notes with the question."
        />
        <Checkbox
          checked={prefs.persist}
          onCheckedChange={(persist) => {
            onChange({ persist });
          }}
          label="Save this chat turn"
          description="Off: answered but not stored (like /temp)."
        />
      </div>
      <div>
        <SectionTitle>Prompt fragments</SectionTitle>
        <PromptFragments
          selected={prefs.promptNames}
          onChange={(promptNames) => {
            onChange({ promptNames });
          }}
        />
      </div>
      <Field label="Standing instructions" hint="Added to every message you send here.">
        <Textarea
          rows={3}
          className="min-h-16! text-[13px]!"
          placeholder="e.g. Answer in British English and cite sources."
          value={prefs.instructions}
          maxLength={10_000}
          onChange={(event) => {
            onChange({ instructions: event.target.value });
          }}
        />
      </Field>
      <div className="flex justify-end">
        <Button variant="ghost" size="sm" onClick={onReset}>
          Reset to defaults
        </Button>
      </div>
    </div>
  );
}
