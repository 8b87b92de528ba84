import { DOMAINS, type Domain } from '@margin/shared';
import { createContext, use, useCallback, useState } from 'react';
import { isDomain } from '../../lib/domains';
import { storage } from '../../lib/storage';

const DOMAIN_STORAGE_KEY = 'margin.domain';

export interface DomainState {
  domain: Domain;
  setDomain: (domain: Domain) => void;
}

export const DomainContext = createContext<DomainState | null>(null);

/** The active domain tab (Assistant / Search / Prep chat), shared by the top bar and sidebar. */
export function useDomain(): DomainState {
  const value = use(DomainContext);
  if (!value) throw new Error('useDomain must be used inside the app layout');
  return value;
}

/** Domain state kept in memory and remembered in localStorage across visits. */
export function useDomainState(): DomainState {
  const [domain, setDomainState] = useState<Domain>(() => {
    const saved = storage.get(DOMAIN_STORAGE_KEY);
    return isDomain(saved) ? saved : DOMAINS[0];
  });
  const setDomain = useCallback((next: Domain) => {
    setDomainState(next);
    storage.set(DOMAIN_STORAGE_KEY, next);
  }, []);
  return { domain, setDomain };
}
