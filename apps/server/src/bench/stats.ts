/** Percentiles and timing helpers shared by every benchmark. */
export interface Sample {
  p50: number;
  p95: number;
  mean: number;
  n: number;
}

export function summarise(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p95: at(0.95), mean, n: sorted.length };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, returning milliseconds per run. */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = 20,
): Promise<Sample> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

export interface ReportRow {
  what: string;
  measured: string;
  budget: string;
  /** undefined = informational, no budget to pass or fail. */
  pass: boolean | undefined;
}

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
