import { DOMAINS, type Domain } from '@margin/shared';

export const DOMAIN_LABELS: Record<Domain, string> = {
  assistant: 'Assistant',
  search: 'Search',
  finchat: 'Prep chat',
};

export const DOMAIN_DESCRIPTIONS: Record<Domain, string> = {
  assistant: 'Ask questions, work through papers and code, and think out loud.',
  search:
    'Quick lookups and fact-finding. Start a temporary chat for questions you won’t need again.',
  finchat: 'Prepare for interviews and exams with focused practice sessions.',
};

export function isDomain(value: unknown): value is Domain {
  return typeof value === 'string' && (DOMAINS as readonly string[]).includes(value);
}

export function domainLabel(domain: string): string {
  return isDomain(domain) ? DOMAIN_LABELS[domain] : domain;
}
