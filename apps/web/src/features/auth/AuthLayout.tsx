import type { ReactNode } from 'react';
import { LogoMark } from '../../components';
import { ThemeMenu } from '../shell/ThemeMenu';

/** Centred single-card page used by /login and /setup. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
}: {
  title: string;
  subtitle: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="relative flex min-h-full flex-col bg-panel">
      <div className="absolute top-3 right-3">
        <ThemeMenu />
      </div>
      <main className="flex flex-1 items-center justify-center px-4 py-12">
        <div className="w-full max-w-[400px]">
          <div className="mb-7 flex flex-col items-center text-center">
            <LogoMark className="mb-5 size-11" />
            <h1 className="text-2xl font-semibold tracking-tight text-fg">{title}</h1>
            <p className="mt-2 text-sm leading-relaxed text-fg-muted">{subtitle}</p>
          </div>
          <div className="rounded-2xl border border-line bg-raised p-6 shadow-xs sm:p-7">
            {children}
          </div>
          {footer ? <div className="mt-6 text-center text-xs text-fg-subtle">{footer}</div> : null}
        </div>
      </main>
    </div>
  );
}
