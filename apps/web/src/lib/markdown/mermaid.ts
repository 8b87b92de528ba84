import type { Mermaid as MermaidApi } from 'mermaid';

let loading: Promise<MermaidApi> | undefined;
let configuredTheme: 'light' | 'dark' | undefined;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

const FONT =
  "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

function loadMermaid(): Promise<MermaidApi> {
  loading ??= import('mermaid').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

async function draw(code: string, theme: 'light' | 'dark'): Promise<string> {
  const mermaid = await loadMermaid();
  if (configuredTheme !== theme) {
    mermaid.initialize({
      startOnLoad: false,
      // Labels are sanitised and no click handlers or HTML are allowed.
      securityLevel: 'strict',
      theme: theme === 'dark' ? 'dark' : 'neutral',
      fontFamily: FONT,
    });
    configuredTheme = theme;
  }
  // Validate first: a syntax error throws here without leaving an error diagram in the page.
  await mermaid.parse(code);
  counter += 1;
  const { svg } = await mermaid.render(`margin-mermaid-${counter}`, code);
  return svg;
}

/**
 * Renders a Mermaid diagram to SVG markup. Mermaid (a large library) is imported on first use
 * only; renders run one at a time because Mermaid keeps global state.
 */
export function renderMermaid(code: string, theme: 'light' | 'dark'): Promise<string> {
  const run = () => draw(code, theme);
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
