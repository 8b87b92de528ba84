import type { ChatModel } from '@margin/shared';
import { ChevronDown, Sparkles } from 'lucide-react';
import { useState } from 'react';
import { Badge, Button, Checkbox } from '../../components';
import { ChatPopover } from './ChatPopover';

const MAX_MODELS = 4;

/** The trigger text: the model's label, or "2 models" when comparing. */
export function modelsLabel(selected: readonly string[], models: readonly ChatModel[]): string {
  if (selected.length > 1) return `${String(selected.length)} models`;
  const model = models.find((m) => m.id === selected[0]);
  return model?.label ?? 'Model';
}

/**
 * One model, or up to four whose answers are shown side by side as tabs. At least one stays
 * selected; the server's default is marked.
 */
export function ModelPicker({
  models,
  selected,
  onChange,
  disabled,
}: {
  models: readonly ChatModel[];
  selected: readonly string[];
  onChange: (models: string[]) => void;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const label = modelsLabel(selected, models);
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...selected, id] : selected.filter((m) => m !== id);
    if (next.length === 0 || next.length > MAX_MODELS) return;
    // Keep the catalogue's order, so tabs always come in the same order.
    onChange(models.map((m) => m.id).filter((m) => next.includes(m)));
  };
  return (
    <ChatPopover
      open={open}
      onOpenChange={setOpen}
      label="Models"
      className="w-72"
      trigger={
        <Button
          variant="ghost"
          size="sm"
          icon={<Sparkles />}
          disabled={disabled === true || models.length === 0}
          aria-label={`Model: ${label}`}
          title="Choose the model (several to compare answers)"
          className="max-w-48 px-2!"
        >
          <span className="truncate">{label}</span>
          <ChevronDown aria-hidden className="size-3.5! text-fg-subtle" />
        </Button>
      }
    >
      <p className="text-sm font-medium text-fg">Models</p>
      <p className="mt-0.5 text-xs text-fg-subtle">
        Pick several (up to {MAX_MODELS}) to compare their answers side by side.
      </p>
      <div className="mt-3 flex flex-col gap-1" role="group" aria-label="Models to ask">
        {models.map((model) => {
          const checked = selected.includes(model.id);
          return (
            <Checkbox
              key={model.id}
              className="rounded-lg px-2 py-1.5 hover:bg-soft"
              checked={checked}
              disabled={
                (checked && selected.length === 1) || (!checked && selected.length >= MAX_MODELS)
              }
              onCheckedChange={(on) => {
                toggle(model.id, on);
              }}
              label={
                <span className="flex items-center gap-2">
                  <span>{model.label}</span>
                  {model.isDefault ? <Badge tone="accent">Default</Badge> : null}
                  {model.vision ? <Badge>Vision</Badge> : null}
                </span>
              }
              description={<span className="font-mono">{model.id}</span>}
            />
          );
        })}
      </div>
    </ChatPopover>
  );
}
