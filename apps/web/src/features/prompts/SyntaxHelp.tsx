import { Braces, ChevronDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { INCLUDE_DEPTH, placeholderDocs } from './placeholders';

function Token({ token, onInsert }: { token: string; onInsert?: (token: string) => void }) {
  const classes = 'rounded-md bg-soft px-1.5 py-0.5 font-mono text-[12.5px] text-fg';
  if (!onInsert) return <code className={classes}>{token}</code>;
  return (
    <button
      type="button"
      title={`Insert ${token} at the cursor`}
      aria-label={`Insert ${token}`}
      onClick={() => {
        onInsert(token);
      }}
      className={cn(classes, 'transition-colors hover:bg-accent-soft hover:text-accent-text')}
    >
      {token}
    </button>
  );
}

function Body({ onInsert }: { onInsert?: ((token: string) => void) | undefined }) {
  const docs = placeholderDocs();
  return (
    <div className="flex flex-col gap-3 text-[13px] leading-relaxed text-fg-muted">
      <p>
        <code className="rounded-md bg-soft px-1.5 py-0.5 font-mono text-[12.5px] text-fg">
          {'{other_prompt_name}'}
        </code>{' '}
        includes another prompt’s text — your personal prompt of that name first, otherwise the
        global one. Includes may nest up to {INCLUDE_DEPTH} levels; a loop is refused when you save.
      </p>
      <table className="w-full text-left">
        <caption className="sr-only">Values filled in when the prompt is used</caption>
        <thead className="text-xs text-fg-subtle">
          <tr>
            <th scope="col" className="pb-1 font-medium">
              Placeholder
            </th>
            <th scope="col" className="pb-1 font-medium">
              Filled with
            </th>
            <th scope="col" className="pb-1 font-medium max-sm:hidden">
              Right now
            </th>
          </tr>
        </thead>
        <tbody>
          {docs.map((doc) => (
            <tr key={doc.name} className="border-t border-line">
              <td className="py-1.5 pr-3 align-top">
                <Token token={doc.token} onInsert={onInsert} />
              </td>
              <td className="py-1.5 pr-3 align-top">{doc.meaning}</td>
              <td className="py-1.5 align-top font-mono text-xs text-fg-subtle max-sm:hidden">
                {doc.example}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-fg-subtle">
        Values are filled in (in UTC) every time the prompt is used. Only lowercase letters, digits
        and underscores between braces count, so JSON and code braces stay as written — and so does
        a name that matches no prompt.
      </p>
    </div>
  );
}

/**
 * Reference for the prompt syntax. `collapsible` renders a disclosure (closed by default);
 * `onInsert` turns the placeholders into buttons that insert them.
 */
export function SyntaxHelp({
  collapsible = false,
  onInsert,
  className,
}: {
  collapsible?: boolean;
  onInsert?: (token: string) => void;
  className?: string;
}): ReactNode {
  const title = (
    <span className="flex items-center gap-2 text-sm font-medium text-fg">
      <Braces className="size-4 text-fg-subtle" aria-hidden />
      Placeholders: includes and dates
    </span>
  );
  if (!collapsible) {
    return (
      <section
        aria-label="Prompt syntax"
        className={cn('rounded-xl border border-line bg-raised p-4', className)}
      >
        <h3 className="mb-3">{title}</h3>
        <Body onInsert={onInsert} />
      </section>
    );
  }
  return (
    <details className={cn('group rounded-xl border border-line bg-raised', className)}>
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-xl px-4 py-2.5 select-none hover:bg-soft/60 [&::-webkit-details-marker]:hidden">
        {title}
        <ChevronDown
          className="size-4 text-fg-subtle transition-transform group-open:rotate-180"
          aria-hidden
        />
      </summary>
      <div className="px-4 pt-1 pb-4">
        <Body onInsert={onInsert} />
      </div>
    </details>
  );
}
