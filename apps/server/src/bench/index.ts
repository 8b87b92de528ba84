/**
 * `pnpm bench`: measures what is built so far against ARCHITECTURE § 10, prints one table and
 * writes it to bench/REPORT.md at the repository root.
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchFoundation } from './foundation.js';
import { benchChat } from './chat.js';
import { benchOrganise } from './organise.js';
import { benchDocuments } from './documents.js';
import { benchIngestion } from './ingestion.js';
import { benchPkb } from './pkb.js';
import { benchAccount } from './account.js';
import type { ReportRow } from './stats.js';

function table(rows: ReportRow[]): string {
  const verdict = (p: boolean | undefined) => (p === undefined ? '—' : p ? 'pass' : 'FAIL');
  return [
    '| What | Measured | Budget | Result |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.measured} | ${r.budget} | ${verdict(r.pass)} |`),
  ].join('\n');
}

async function main(): Promise<void> {
  const rows = [
    ...(await benchFoundation()),
    ...(await benchOrganise()),
    ...(await benchChat()),
    ...(await benchDocuments()),
    ...(await benchIngestion()),
    ...(await benchPkb()),
    ...(await benchAccount()),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const report = `# Margin benchmark report\n\nMeasured ${new Date().toISOString()} on ${machine}.\nBudgets: ARCHITECTURE.md § 10. Produced by \`pnpm bench\`.\n\n${table(rows)}\n`;
  process.stdout.write(`${report}\n`);
  const target = fileURLToPath(new URL('../../../../bench/REPORT.md', import.meta.url));
  writeFileSync(target, report);
  process.stdout.write(`Written to ${target}\n`);
  if (rows.some((r) => r.pass === false)) process.exitCode = 1;
}

await main();
