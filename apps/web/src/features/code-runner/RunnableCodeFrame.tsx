import { use, type ReactNode } from 'react';
import { CodeFrame } from '../../lib/markdown/CodeFrame';
import { CurrentUserContext } from '../auth/session';
import { RunButton } from './RunButton';
import { RunOutput } from './RunOutput';
import { useCodeRun } from './useCodeRun';
import { useRunnable } from './useRunnable';

interface Props {
  language: string | undefined;
  text: string;
  children: ReactNode;
}

/** A code block with Run (when this server can run its language) and the output under it. */
export function RunnableCodeFrame(props: Props) {
  // Signed-out readers (shared links) cannot run code, and markdown also renders outside the app
  // (no tRPC client): only a signed-in reader's blocks touch the API.
  if (use(CurrentUserContext) === null || !props.text.trim()) return <PlainFrame {...props} />;
  return <SignedInFrame {...props} />;
}

function PlainFrame({ language, text, children }: Props) {
  return (
    <CodeFrame language={language} text={text}>
      {children}
    </CodeFrame>
  );
}

function SignedInFrame({ language, text, children }: Props) {
  const runnable = useRunnable()(language);
  const run = useCodeRun();
  if (runnable === undefined) {
    return (
      <PlainFrame language={language} text={text}>
        {children}
      </PlainFrame>
    );
  }
  return (
    <CodeFrame
      language={language}
      text={text}
      actions={
        <RunButton
          run={run}
          compact
          onRun={() => {
            run.run(runnable, text);
          }}
        />
      }
      footer={<RunOutput run={run} />}
    >
      {children}
    </CodeFrame>
  );
}
