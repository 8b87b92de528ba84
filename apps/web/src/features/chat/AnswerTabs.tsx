import type { Message } from '@margin/shared';
import { useState, type ReactNode } from 'react';
import { Spinner, Tabs, TabsContent, TabsList, TabsTrigger } from '../../components';
import { cn } from '../../lib/cn';
import { trpc } from '../../lib/trpc';
import { useLiveMessage } from './live';

function TabLabel({ message, label }: { message: Message; label: string }) {
  const { message: shown, streaming } = useLiveMessage(message);
  return (
    <>
      {streaming ? <Spinner size="xs" /> : null}
      <span className="max-w-40 truncate">{label}</span>
      {shown.status === 'error' || shown.status === 'cancelled' ? (
        <span
          aria-label={shown.status === 'error' ? '(failed)' : '(stopped)'}
          className={cn(
            'size-1.5 rounded-full',
            shown.status === 'error' ? 'bg-danger' : 'bg-warning-text',
          )}
        />
      ) : null}
    </>
  );
}

/** The answers of one multi-model turn, one tab per model; each tab streams on its own. */
export function AnswerTabs({
  answers,
  renderAnswer,
}: {
  answers: Message[];
  renderAnswer: (message: Message) => ReactNode;
}) {
  const models = trpc.chat.models.useQuery(undefined, { staleTime: 5 * 60_000 });
  const [active, setActive] = useState(answers[0]?.id ?? '');
  const labelOf = (message: Message, index: number) =>
    models.data?.find((m) => m.id === message.model)?.label ??
    message.model ??
    `Answer ${index + 1}`;
  return (
    <Tabs value={active} onValueChange={setActive} className="min-w-0">
      <TabsList aria-label="Answers by model" className="mb-3 max-w-full overflow-x-auto">
        {answers.map((message, index) => (
          <TabsTrigger key={message.id} value={message.id}>
            <TabLabel message={message} label={labelOf(message, index)} />
          </TabsTrigger>
        ))}
      </TabsList>
      {answers.map((message) => (
        <TabsContent key={message.id} value={message.id}>
          {renderAnswer(message)}
        </TabsContent>
      ))}
    </Tabs>
  );
}
