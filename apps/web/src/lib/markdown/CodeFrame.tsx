import { ChevronDown, ChevronUp } from 'lucide-react';
import { useId, useState, type ReactNode } from 'react';
import { Button, CopyButton } from '../../components';
import { cn } from '../cn';
import { languageLabel } from './languages';

/** Blocks longer than this start folded to a fixed height, with a "Show all" button. */
const FOLD_LINES = 28;

export interface CodeFrameProps {
  language: string | undefined;
  /** The raw code (what Copy puts on the clipboard). */
  text: string;
  /** Extra controls in the header, left of Copy. */
  actions?: ReactNode;
  /** Note under the header (e.g. why a diagram could not be drawn). */
  notice?: ReactNode;
  /** Shown under the code, after the fold (e.g. the output of a run). */
  footer?: ReactNode;
  children: ReactNode;
}

/** The frame around a code block: language label, copy button, folding of long blocks. */
export function CodeFrame({ language, text, actions, notice, footer, children }: CodeFrameProps) {
  const lineCount = text.replace(/\n$/, '').split('\n').length;
  const foldable = lineCount > FOLD_LINES;
  const [expanded, setExpanded] = useState(false);
  const bodyId = useId();
  const folded = foldable && !expanded;
  return (
    <div className="md-code">
      <div className="md-code-header">
        <span className="md-code-lang">{languageLabel(language)}</span>
        <div className="flex items-center gap-0.5">
          {actions}
          <CopyButton value={text} variant="ghost" size="sm" className="h-7 px-2 text-xs" />
        </div>
      </div>
      {notice}
      <div id={bodyId} className={cn('md-code-body', folded && 'md-code-folded')}>
        {children}
      </div>
      {foldable ? (
        <div className="md-code-footer">
          <Button
            variant="ghost"
            size="sm"
            className="h-7 px-2 text-xs"
            icon={expanded ? <ChevronUp /> : <ChevronDown />}
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={() => {
              setExpanded((value) => !value);
            }}
          >
            {expanded ? 'Show less' : `Show all ${lineCount} lines`}
          </Button>
        </div>
      ) : null}
      {footer}
    </div>
  );
}
