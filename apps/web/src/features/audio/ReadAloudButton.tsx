import type { Message, TtsVariant } from '@margin/shared';
import { RotateCcw, Volume2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button, IconButton, Notice, Spinner } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { useJobStream } from '../../lib/jobs';
import { trpc } from '../../lib/trpc';
import { ChatPopover } from '../chat/ChatPopover';
import { useSystemConfig } from '../shell/LlmStatusNotice';

/**
 * "Read aloud" for an assistant answer: a toolbar button opening a small player. Opening it
 * requests the clip (cached on the server per message + variant), follows the generation job
 * with its progress, then plays it.
 */
export function ReadAloudButton({ message }: { message: Message }) {
  const config = useSystemConfig();
  const [open, setOpen] = useState(false);
  if (!config.data?.features.tts || message.role !== 'assistant' || message.status === 'streaming')
    return null;
  return (
    <ChatPopover
      open={open}
      onOpenChange={setOpen}
      label="Read aloud"
      className="w-80"
      trigger={<IconButton label="Read aloud" icon={<Volume2 />} size="sm" tooltip={false} />}
    >
      {open ? <ReadAloudPlayer messageId={message.id} /> : null}
    </ChatPopover>
  );
}

const VARIANTS: { value: TtsVariant; label: string }[] = [
  { value: 'full', label: 'Full answer' },
  { value: 'short', label: 'Short version' },
];

function ReadAloudPlayer({ messageId }: { messageId: string }) {
  const [variant, setVariant] = useState<TtsVariant>('full');
  const [jobId, setJobId] = useState<string | null>(null);
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const utils = trpc.useUtils();
  const tts = trpc.audio.tts.useMutation();
  const requested = useRef<string | null>(null);

  const request = async (recompute = false) => {
    setError(null);
    setAudioUrl(null);
    setJobId(null);
    try {
      const res = await tts.mutateAsync({ messageId, variant, recompute });
      if (res.status === 'ready' && res.audioUrl) setAudioUrl(res.audioUrl);
      else setJobId(res.jobId ?? null);
    } catch (err) {
      setError(getErrorMessage(err));
    }
  };

  // Asks once per variant shown: a cached clip answers at once, otherwise generation starts.
  useEffect(() => {
    if (requested.current === variant) return;
    requested.current = variant;
    void request();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the variant changes
  }, [variant]);

  const job = useJobStream(jobId, {
    onEnd: (state) => {
      if (state.phase !== 'done') {
        setError(state.error ?? 'Audio generation was stopped.');
        return;
      }
      void utils.audio.ttsStatus.fetch({ messageId, variant }, { staleTime: 0 }).then(
        (status) => {
          if (status.status === 'ready' && status.audioUrl) setAudioUrl(status.audioUrl);
          else setError(status.error ?? 'The audio is not available.');
        },
        (err: unknown) => {
          setError(getErrorMessage(err));
        },
      );
    },
  });

  const generating = !audioUrl && !error && (tts.isPending || jobId !== null);
  const progress = job.progress;
  return (
    <div className="flex flex-col gap-3" data-testid="read-aloud">
      <div role="radiogroup" aria-label="Version" className="flex gap-1">
        {VARIANTS.map((v) => (
          <Button
            key={v.value}
            size="sm"
            variant={variant === v.value ? 'secondary' : 'ghost'}
            role="radio"
            aria-checked={variant === v.value}
            onClick={() => {
              setVariant(v.value);
            }}
          >
            {v.label}
          </Button>
        ))}
      </div>
      {generating ? (
        <div role="status" className="flex flex-col gap-1.5 text-sm text-fg-muted">
          <span className="flex items-center gap-2">
            <Spinner />
            {progress && progress.total > 0
              ? `Generating audio… part ${String(progress.done)} of ${String(progress.total)}`
              : (job.status ?? 'Generating audio…')}
          </span>
          <progress
            className="h-1.5 w-full accent-accent"
            aria-label="Audio generation progress"
            max={progress?.total ?? 1}
            value={progress?.done ?? 0}
          />
        </div>
      ) : null}
      {error ? (
        <Notice tone="danger" title="Couldn't read this aloud">
          {error}
        </Notice>
      ) : null}
      {audioUrl ? (
        // No caption track: the speech is generated from the text shown right above it.
        <audio key={audioUrl} src={audioUrl} controls autoPlay className="w-full" />
      ) : null}
      {audioUrl || error ? (
        <Button
          size="sm"
          variant="ghost"
          className="self-start"
          icon={<RotateCcw />}
          onClick={() => void request(true)}
        >
          Regenerate
        </Button>
      ) : null}
    </div>
  );
}
