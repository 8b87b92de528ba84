import { Mic, Square } from 'lucide-react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { IconButton } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useSystemConfig } from '../shell/LlmStatusNotice';
import {
  insertAtCursor,
  microphoneError,
  recordingSupported,
  startRecording,
  type Recording,
} from './recorder';

type Phase = 'idle' | 'starting' | 'recording' | 'transcribing';

function formatSeconds(total: number): string {
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m)}:${String(s).padStart(2, '0')}`;
}

/** Marks a text box that has its own dictation button, so Ctrl/⌘+M there dictates into it. */
const VOICE_TARGET = 'data-voice-input';

/**
 * Dictation for a text box: click (or Ctrl/⌘+M) to record, again to stop; the transcription is
 * inserted at the cursor. Hidden when the server has no speech-to-text model. Ctrl/⌘+M goes to
 * the focused box's button; the composer's (`globalShortcut`) also takes it when focus is in no
 * dictation box, so several buttons on a page never record at once.
 */
export function VoiceInputButton({
  inputRef,
  setText,
  disabled,
  globalShortcut = false,
}: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  setText: (update: (current: string) => string) => void;
  disabled?: boolean;
  globalShortcut?: boolean;
}) {
  const config = useSystemConfig();
  const enabled = config.data?.features.stt === true && recordingSupported();
  const [phase, setPhase] = useState<Phase>('idle');
  const [seconds, setSeconds] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const recording = useRef<Recording | null>(null);
  const transcribe = trpc.audio.transcribe.useMutation();

  const insert = useCallback(
    (text: string) => {
      const input = inputRef.current;
      setText((current) => {
        const start = input?.selectionStart ?? current.length;
        const end = input?.selectionEnd ?? current.length;
        const next = insertAtCursor(current, start, end, text);
        requestAnimationFrame(() => {
          input?.focus();
          input?.setSelectionRange(next.caret, next.caret);
        });
        return next.value;
      });
    },
    [inputRef, setText],
  );

  const toggle = useCallback(async () => {
    setError(null);
    if (phase === 'recording') {
      const current = recording.current;
      recording.current = null;
      if (!current) return;
      setPhase('transcribing');
      try {
        const blob = await current.stop();
        const form = new FormData();
        form.set('audio', blob, 'recording');
        const { text } = await transcribe.mutateAsync(form);
        if (text) insert(text);
        else setError('No speech was recognised.');
      } catch (err) {
        setError(getErrorMessage(err));
      } finally {
        setPhase('idle');
      }
      return;
    }
    if (phase !== 'idle') return;
    setPhase('starting');
    try {
      recording.current = await startRecording();
      setSeconds(0);
      setPhase('recording');
    } catch (err) {
      setError(microphoneError(err));
      setPhase('idle');
    }
  }, [insert, phase, transcribe]);

  // The timer shown while recording.
  useEffect(() => {
    if (phase !== 'recording') return;
    const timer = setInterval(() => {
      setSeconds((s) => s + 1);
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [phase]);

  useEffect(() => {
    const input = inputRef.current;
    if (!enabled || !input) return;
    input.setAttribute(VOICE_TARGET, '');
    return () => {
      input.removeAttribute(VOICE_TARGET);
    };
  }, [enabled, inputRef]);

  useEffect(() => {
    if (!enabled || disabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'm')
        return;
      const focused = document.activeElement;
      const mine = focused === inputRef.current;
      const elsewhere = focused instanceof HTMLElement && focused.hasAttribute(VOICE_TARGET);
      // A recording stops from anywhere; starting follows the focus.
      if (!mine && phase !== 'recording' && (!globalShortcut || elsewhere)) return;
      event.preventDefault();
      void toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [disabled, enabled, globalShortcut, inputRef, phase, toggle]);

  // Leaving the page mid-recording releases the microphone.
  useEffect(
    () => () => {
      recording.current?.cancel();
    },
    [],
  );

  if (!enabled) return null;
  const recordingNow = phase === 'recording';
  return (
    <div className="flex items-center gap-1">
      <IconButton
        label={recordingNow ? 'Stop dictation (Ctrl+M)' : 'Dictate (Ctrl+M)'}
        icon={recordingNow ? <Square className="size-3.5 fill-current" /> : <Mic />}
        variant={recordingNow ? 'danger' : 'ghost'}
        aria-keyshortcuts="Control+M Meta+M"
        aria-pressed={recordingNow}
        loading={phase === 'transcribing' || phase === 'starting'}
        disabled={disabled === true || phase === 'transcribing'}
        onClick={() => void toggle()}
      />
      <span role="status" aria-live="polite" className="text-xs text-fg-muted">
        {recordingNow ? (
          <span className="flex items-center gap-1 text-danger">
            <span className="size-2 animate-pulse rounded-full bg-danger" aria-hidden />
            Recording {formatSeconds(seconds)}
          </span>
        ) : phase === 'transcribing' ? (
          'Transcribing…'
        ) : error ? (
          <span className="text-danger" data-testid="voice-error">
            {error}
          </span>
        ) : null}
      </span>
    </div>
  );
}
