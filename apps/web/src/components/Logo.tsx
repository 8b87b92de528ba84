import { cn } from '../lib/cn';

/** Margin's mark: a margin rule beside lines of text. Decorative unless `label` is given. */
export function LogoMark({ className, label }: { className?: string; label?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      className={cn('size-8 shrink-0', className)}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      <rect width="32" height="32" rx="9" className="fill-accent" />
      <path d="M10 8.5v15" className="stroke-accent-fg" strokeWidth="3" strokeLinecap="round" />
      <path
        d="M15.5 11h7M15.5 16h7M15.5 21h4.5"
        className="stroke-accent-fg"
        strokeOpacity="0.8"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2', className)}>
      <LogoMark className="size-7" />
      <span className="text-[15px] font-semibold tracking-tight text-fg">Margin</span>
    </span>
  );
}
