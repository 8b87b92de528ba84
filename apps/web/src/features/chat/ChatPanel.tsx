import './chat.css';
import { ArrowUp, Square } from 'lucide-react';
import { useEffect, useEffectEvent, useLayoutEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { IconButton, Notice, toast } from '../../components';
import { getErrorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useMediaQuery } from '../../lib/useMediaQuery';
import { VoiceInputButton } from '../audio';
import { AttachButton, DocumentsBar, useDocumentComposer } from '../documents';
import { AttachedMemories, MemorySuggestions, memoryAttachments } from '../memory';
import { useSystemConfig } from '../shell/LlmStatusNotice';
import { ComposerInput } from './ComposerInput';
import { composerHandoffs, conversationBeingOpened } from './handoff';
import { useReplyRun } from './live';
import { ModelPicker } from './ModelPicker';
import { OptionsButton } from './OptionsButton';
import { toSendOptions, useChatPrefs } from './prefs';
import { ReplyFollower } from './ReplyFollower';
import { StatusLine } from './StatusLine';
import { chatStore } from './store';
import { TOAST_OPTIONS } from './toast';
import { SuggestionChips } from './SuggestionChips';
import { CONFLICT_MESSAGE, useChatSend } from './useChatSend';
import { useChatShortcuts } from './useChatShortcuts';
import { useResumeReply } from './useResumeReply';

/**
 * The bottom of a conversation: suggestions, the status line and the composer (model picker,
 * options, send/stop). Follows the running reply, also one found after a reload.
 */
export function ChatPanel({ conversationId }: { conversationId: string }) {
  const config = useSystemConfig();
  const llm = config.data?.features.llm ?? true;
  const conversation = trpc.conversations.get.useQuery({ id: conversationId });
  const models = trpc.chat.models.useQuery(undefined, { enabled: llm, staleTime: 5 * 60_000 });
  const prompts = trpc.prompts.list.useQuery(undefined, { enabled: llm, staleTime: 60_000 });
  const { prefs, update, reset } = useChatPrefs(conversation.data?.domain ?? 'assistant');
  const run = useReplyRun(conversationId);
  const { send, sending } = useChatSend(conversationId);
  const cancel = trpc.cancellations.cancel.useMutation();
  const coarse = useMediaQuery('(pointer: coarse)');
  const [text, setText] = useState('');
  /** The chat a message typed here was handed to while it was being opened. */
  const [handedTo, setHandedTo] = useState<string | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useResumeReply(conversationId);

  // A chat just created (New chat, Ctrl+Shift+O) opens ready to type; not on touch screens,
  // where focusing would pop up the keyboard.
  const location = useLocation();
  const focusComposer = (location.state as { focusComposer?: unknown } | null)?.focusComposer;
  useEffect(() => {
    if (focusComposer === true && !coarse) inputRef.current?.focus();
  }, [conversationId, location.key, focusComposer, coarse]);
  // "Insert #doc_N" from the documents; files pasted into the box are uploaded.
  const onPaste = useDocumentComposer(inputRef, setText);

  const running = run?.phase === 'running';
  const catalogue = models.data ?? [];
  const known = catalogue.map((m) => m.id);
  const chosen = prefs.models.filter((m) => known.includes(m));
  const defaultModel = catalogue.find((m) => m.isDefault) ?? catalogue[0];
  const selectedModels = chosen.length > 0 ? chosen : defaultModel ? [defaultModel.id] : [];
  const unavailable = !llm || (models.isSuccess && catalogue.length === 0);

  const submit = async (value: string) => {
    if (unavailable || sending || value.trim() === '') return;
    if (running) {
      toast.error(CONFLICT_MESSAGE, TOAST_OPTIONS);
      return;
    }
    setText('');
    const options = toSendOptions(
      prefs,
      { models: known, prompts: prompts.data?.map((p) => p.name) },
      { models: selectedModels },
    );
    // "Use in next message" memories go with this message only.
    const attached = memoryAttachments.get(conversationId).map((m) => m.id);
    if (attached.length > 0) options.attachedClaimIds = attached;
    const sent = await send(value, options);
    if (sent && attached.length > 0) memoryAttachments.clear(conversationId);
    // Keep what was typed when sending failed (unless something new was typed meanwhile).
    if (!sent) setText((current) => (current === '' ? value : current));
    if (!coarse) inputRef.current?.focus();
  };

  // While another chat is being opened this composer is still on screen: what is typed or sent
  // here goes to that chat (see handoff.ts), not to the conversation being left.
  const handOver = (value: string, send: boolean): string | null => {
    const next = conversationBeingOpened(conversationId, window.location.pathname);
    if (next !== null) composerHandoffs.put(next, value, send);
    return next;
  };
  const submitTyped = (value: string) => {
    const next = value.trim() === '' ? null : handOver(value, true);
    if (next === null) {
      void submit(value);
      return;
    }
    setText('');
    setHandedTo(next);
  };
  // Until that chat is shown, this box says where the message went (unless the user came back).
  const waitingForNext =
    handedTo !== null &&
    conversationBeingOpened(conversationId, window.location.pathname) === handedTo;
  const receiveHandoff = useEffectEvent(() => {
    const handed = composerHandoffs.take(conversationId);
    if (!handed) return;
    // In the box first: if it cannot be sent yet, the reason shows and the text stays.
    setText(handed.text);
    if (handed.send) void submit(handed.text);
    if (!coarse) inputRef.current?.focus();
  });
  // Part of the commit that swaps the pages, so no key falls between the two composers.
  useLayoutEffect(() => {
    receiveHandoff();
  }, [conversationId]);

  const stop = async () => {
    if (run?.phase !== 'running') return;
    chatStore.updateRun(conversationId, run.jobId, { status: 'Stopping…' });
    try {
      await cancel.mutateAsync({ jobId: run.jobId });
    } catch (error) {
      toast.error("Couldn't stop the answer", {
        ...TOAST_OPTIONS,
        description: getErrorMessage(error),
      });
    }
  };

  useChatShortcuts({ inputRef, running, onStop: () => void stop() });

  // Leaving the conversation stops following (the job goes on; it is resumed on return).
  useEffect(
    () => () => {
      chatStore.setRun(conversationId, undefined);
    },
    [conversationId],
  );

  const empty = text.trim() === '';
  return (
    <div className="px-3 pt-1 pb-[max(0.75rem,env(safe-area-inset-bottom))] sm:px-4">
      {run ? <ReplyFollower key={run.jobId} run={run} /> : null}
      <div className="mx-auto w-full max-w-[760px]">
        <DocumentsBar />
        <MemorySuggestions conversationId={conversationId} />
        <AttachedMemories conversationId={conversationId} text={text} onTextChange={setText} />
        <SuggestionChips
          conversationId={conversationId}
          enabled={!unavailable && !running && !sending && empty}
          onPick={(question) => void submit(question)}
        />
        <StatusLine run={run} sending={sending} showStopHint={!coarse} />
        {unavailable ? (
          <div className="mb-2">
            <Notice tone="info" role="status" title="Chat is unavailable">
              {!llm ? (
                <>
                  No model provider configured — set{' '}
                  <code className="font-mono text-[13px]">OPENAI_API_KEY</code> /{' '}
                  <code className="font-mono text-[13px]">OPENAI_BASE_URL</code> on the server.
                </>
              ) : (
                'The server lists no chat models. Add some to its MODELS setting.'
              )}
            </Notice>
          </div>
        ) : null}
        <form
          aria-label="Send a message"
          className="composer rounded-2xl border border-line-strong bg-raised shadow-sm transition-[border-color,box-shadow] focus-within:border-accent/60 focus-within:ring-3 focus-within:ring-accent/15"
          onSubmit={(event) => {
            event.preventDefault();
            submitTyped(text);
          }}
          onPaste={onPaste}
        >
          <ComposerInput
            value={text}
            onChange={(value) => {
              setText(value);
              handOver(value, false);
            }}
            onSubmit={() => {
              submitTyped(text);
            }}
            disabled={unavailable || waitingForNext}
            enterSends={!coarse}
            inputRef={inputRef}
            placeholder={
              unavailable
                ? 'Chat is unavailable on this server'
                : waitingForNext
                  ? 'Sending in the new chat…'
                  : coarse
                    ? 'Ask anything'
                    : 'Ask anything — / for commands'
            }
          />
          <div className="flex items-center gap-1 px-2 pb-2">
            <AttachButton />
            <VoiceInputButton
              inputRef={inputRef}
              setText={setText}
              disabled={unavailable}
              globalShortcut
            />
            <ModelPicker
              models={catalogue}
              selected={selectedModels}
              disabled={unavailable}
              onChange={(next) => {
                update({ models: next });
              }}
            />
            <OptionsButton prefs={prefs} onChange={update} onReset={reset} disabled={unavailable} />
            <div className="ml-auto flex items-center gap-2">
              {running ? (
                <IconButton
                  label={coarse ? 'Stop the answer' : 'Stop the answer (Esc)'}
                  icon={<Square className="size-3.5 fill-current" />}
                  variant="secondary"
                  className="rounded-full!"
                  aria-keyshortcuts="Escape"
                  onClick={() => void stop()}
                />
              ) : (
                <IconButton
                  type="submit"
                  label={coarse ? 'Send' : 'Send (Enter)'}
                  icon={<ArrowUp />}
                  variant="primary"
                  className="rounded-full!"
                  aria-keyshortcuts="Enter Control+Enter"
                  disabled={unavailable || empty || sending}
                />
              )}
            </div>
          </div>
        </form>
      </div>
    </div>
  );
}
