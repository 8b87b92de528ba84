import { LogoMark } from '../components';
import { useCurrentUser } from '../features/auth/session';
import { useDomain } from '../features/shell/domain';
import { LlmStatusNotice } from '../features/shell/LlmStatusNotice';
import { DOMAIN_DESCRIPTIONS, DOMAIN_LABELS } from '../lib/domains';

function greeting(now: Date): string {
  const hour = now.getHours();
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** Empty main area: the new-chat welcome. The composer arrives with the chat work. */
export function HomePage() {
  const user = useCurrentUser();
  const { domain } = useDomain();
  const firstName = user.name.trim().split(/\s+/)[0];
  return (
    <div className="mx-auto flex min-h-full w-full max-w-[760px] flex-col items-center justify-center px-5 py-16 text-center">
      <title>{`${DOMAIN_LABELS[domain]} · Margin`}</title>
      <LogoMark className="size-12" />
      <p className="mt-6 text-sm text-fg-subtle">
        {greeting(new Date())}
        {firstName ? `, ${firstName}` : ''}
      </p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-fg sm:text-[28px]">
        Start a conversation
      </h1>
      <p className="mt-3 max-w-md text-[15px] leading-relaxed text-fg-muted">
        {DOMAIN_DESCRIPTIONS[domain]}
      </p>
      <div className="mt-8 w-full max-w-lg text-left">
        <LlmStatusNotice />
      </div>
    </div>
  );
}
