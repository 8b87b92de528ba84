import { Code2, Workflow } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button, Spinner } from '../../components';
import { getErrorMessage } from '../errors';
import { useTheme } from '../theme';
import { CodeFrame } from './CodeFrame';
import { renderMermaid } from './mermaid';
import { useInView } from './useInView';

type DiagramState =
  { status: 'waiting' } | { status: 'drawn'; svg: string } | { status: 'failed'; reason: string };

/**
 * A ```mermaid block drawn as a diagram once it scrolls near the viewport (Mermaid itself is only
 * downloaded then). Falls back to the source code when the diagram cannot be drawn.
 */
export function MermaidDiagram({ code }: { code: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useInView(ref);
  const { resolvedTheme } = useTheme();
  const [state, setState] = useState<DiagramState>({ status: 'waiting' });
  const [showCode, setShowCode] = useState(false);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    renderMermaid(code, resolvedTheme).then(
      (svg) => {
        if (!cancelled) setState({ status: 'drawn', svg });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'failed', reason: getErrorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [visible, code, resolvedTheme]);

  const source = <pre className="md-code-plain">{code}</pre>;

  if (state.status === 'failed') {
    return (
      <CodeFrame
        language="mermaid"
        text={code}
        notice={
          <p className="md-code-notice" role="note">
            This diagram could not be drawn: {state.reason.split('\n')[0]}
          </p>
        }
      >
        {source}
      </CodeFrame>
    );
  }

  // A drawn diagram stays on screen while a re-render (e.g. after a theme change) is running.
  const svg = state.status === 'drawn' ? state.svg : undefined;
  return (
    <div ref={ref}>
      <CodeFrame
        language="mermaid"
        text={code}
        actions={
          svg ? (
            <Button
              variant="ghost"
              size="sm"
              className="h-7 px-2 text-xs"
              icon={showCode ? <Workflow /> : <Code2 />}
              aria-pressed={showCode}
              onClick={() => {
                setShowCode((value) => !value);
              }}
            >
              {showCode ? 'Diagram' : 'Code'}
            </Button>
          ) : null
        }
      >
        {svg && !showCode ? (
          <div
            className="md-mermaid"
            role="img"
            aria-label="Diagram"
            // Mermaid's own output in strict mode: labels sanitised, no scripts or handlers.
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        ) : svg ? (
          source
        ) : (
          <div className="md-mermaid md-mermaid-pending">
            <Spinner size="sm" />
            <span>Drawing diagram…</span>
          </div>
        )}
      </CodeFrame>
    </div>
  );
}
