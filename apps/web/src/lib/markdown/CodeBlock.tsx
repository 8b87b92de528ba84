import { lazy, Suspense, type ComponentProps } from 'react';
import type { ExtraProps } from 'react-markdown';
import { codeChild, languageOf, textOf } from './hast';
import { RunnableCodeFrame } from '../../features/code-runner/RunnableCodeFrame';

const MermaidDiagram = lazy(async () => {
  const module = await import('./MermaidDiagram');
  return { default: module.MermaidDiagram };
});

/**
 * `<pre>` renderer: highlighted code in a frame (with Run for languages the server can run), or a
 * Mermaid diagram for ```mermaid blocks.
 */
export function CodeBlock({ node, children, ...props }: ComponentProps<'pre'> & ExtraProps) {
  const code = codeChild(node);
  const language = code ? languageOf(code) : undefined;
  const text = code ? textOf(code) : '';
  const plain = (
    <RunnableCodeFrame language={language} text={text}>
      <pre {...props}>{children}</pre>
    </RunnableCodeFrame>
  );
  if (language !== 'mermaid' || !text.trim()) return plain;
  return (
    <Suspense fallback={plain}>
      <MermaidDiagram code={text} />
    </Suspense>
  );
}
