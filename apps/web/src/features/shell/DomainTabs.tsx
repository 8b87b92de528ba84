import { DOMAINS } from '@margin/shared';
import { TabsList, TabsTrigger } from '../../components';
import { DOMAIN_LABELS } from '../../lib/domains';

/** The tablist; the surrounding <Tabs> root lives in AppLayout so the panel can wrap the page. */
export function DomainTabs() {
  return (
    <TabsList aria-label="Domain">
      {DOMAINS.map((domain) => (
        <TabsTrigger key={domain} value={domain} className="max-sm:px-2.5">
          {DOMAIN_LABELS[domain]}
        </TabsTrigger>
      ))}
    </TabsList>
  );
}
