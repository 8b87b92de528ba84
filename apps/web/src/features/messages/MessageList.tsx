import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown } from 'lucide-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button, IconButton, toast } from '../../components';
import { sectionIdsOf } from '../../lib/markdown';
import { trpc } from '../../lib/trpc';
import { answerGroups } from '../chat/answerGroups';
import { useReplyStreaming, useScrollRequest } from '../chat/live';
import { estimateMessageHeight } from './estimate';
import { EmptyConversation, ListTopRow, MessageListError, MessageListSkeleton } from './ListStates';
import { MessageCard } from './MessageCard';
import type { useMessagePages } from './useMessages';
import type { MessageSelection } from './useSelection';

type MessagePages = ReturnType<typeof useMessagePages>;

/** Room above the first message for the "loading earlier messages" / "start" row. */
const TOP_ROW_HEIGHT = 56;
const HIGHLIGHT_MS = 2400;
/** Show the "jump to latest" button once the reader is this far above the end. */
const JUMP_BUTTON_DISTANCE = 600;
/** While an answer streams, offer "New text" once the reader is this far above the end. */
const NEW_TEXT_DISTANCE = 80;

export interface MessageListProps {
  conversationId: string;
  pages: MessagePages;
  /** Scroll to this message and highlight it briefly (`/c/:id/m/:messageId`). */
  focusMessageId?: string | undefined;
  selection: MessageSelection;
  /** Extra room under the last message (for a floating bar). */
  bottomInset?: number;
}

/**
 * The virtualised message column. Opens at the newest message, loads older pages when the reader
 * nears the top, and keeps the reading position steady while rows are added above or measured.
 */
export function MessageList({
  conversationId,
  pages,
  focusMessageId,
  selection,
  bottomInset = 0,
}: MessageListProps) {
  const { messages, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = pages;
  const scrollRef = useRef<HTMLDivElement>(null);
  const utils = trpc.useUtils();
  const streaming = useReplyStreaming(conversationId);
  const scrollRequest = useScrollRequest(conversationId);
  // Answers of a multi-model turn share one card (tabs); in checkbox mode each has its own row.
  const groups = useMemo(() => answerGroups(messages), [messages]);
  const grouping = !selection.selecting;

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) =>
      grouping && groups.folded.has(index) ? 0 : estimateMessageHeight(messages[index]),
    getItemKey: (index) => messages[index]?.id ?? index,
    overscan: 4,
    // The top row lives in this padding, outside the items, so that the rows the reader is
    // looking at (not the top row) anchor the position while older pages are added above.
    paddingStart: TOP_ROW_HEIGHT,
    paddingEnd: 32 + bottomInset,
    // Chat mode: rows added above keep the reader's place; at the end, the list follows new rows.
    anchorTo: 'end',
    followOnAppend: true,
  });

  // Older pages load only once the list has been placed (at the end, or at a linked message).
  const [placed, setPlaced] = useState(false);
  const placing = useRef(false);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const handledFocus = useRef<string | null>(null);

  const markPlaced = () => {
    requestAnimationFrame(() => {
      requestAnimationFrame(() => {
        setPlaced(true);
      });
    });
  };

  // Open at the newest message.
  useLayoutEffect(() => {
    if (placing.current || focusMessageId || messages.length === 0) return;
    placing.current = true;
    virtualizer.scrollToEnd();
    markPlaced();
  }, [messages.length, focusMessageId, virtualizer]);

  // A link to one message: load older pages until it is there, then scroll to it and flash it.
  useEffect(() => {
    if (!focusMessageId || handledFocus.current === focusMessageId || pages.isPending) return;
    const index = messages.findIndex((message) => message.id === focusMessageId);
    if (index < 0 && hasNextPage) {
      if (!isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
      if (!isFetchNextPageError) return;
    }
    handledFocus.current = focusMessageId;
    placing.current = true;
    if (index < 0) {
      toast.error('That message is no longer in this conversation.');
      virtualizer.scrollToEnd();
    } else {
      virtualizer.scrollToIndex(index, { align: 'center' });
      setHighlightId(focusMessageId);
    }
    markPlaced();
  }, [
    focusMessageId,
    messages,
    hasNextPage,
    isFetchingNextPage,
    isFetchNextPageError,
    fetchNextPage,
    pages.isPending,
    virtualizer,
  ]);

  // Keep the newest text in view when the list gets shorter (status line, suggestions, a taller
  // composer) while the reader is at the end.
  const hasRows = !pages.isPending && messages.length > 0;
  useEffect(() => {
    const element = scrollRef.current;
    if (!hasRows || !element) return;
    let height = element.clientHeight;
    const observer = new ResizeObserver(() => {
      const before = height;
      height = element.clientHeight;
      const wasAtEnd = element.scrollHeight - element.scrollTop - before <= 2;
      if (height < before && wasAtEnd) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [hasRows]);

  // The user sent a message: show the new turn even if they had scrolled up.
  const handledScroll = useRef(scrollRequest);
  useEffect(() => {
    if (handledScroll.current === scrollRequest) return;
    handledScroll.current = scrollRequest;
    virtualizer.scrollToEnd();
  }, [scrollRequest, virtualizer]);

  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => {
      setHighlightId(null);
    }, HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [highlightId]);

  // Near the top: fetch the previous page.
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  useEffect(() => {
    if (!placed || firstIndex > 2 || !hasNextPage || isFetchingNextPage || isFetchNextPageError) {
      return;
    }
    void fetchNextPage();
  }, [placed, firstIndex, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  // Load which answer sections are collapsed together with each page, so they do not flash open.
  const prefetched = useRef(new Set<string>());
  useEffect(() => {
    for (const message of messages) {
      if (message.role !== 'assistant' || prefetched.current.has(message.id)) continue;
      prefetched.current.add(message.id);
      const sectionIds = sectionIdsOf(message.content, conversationId);
      if (sectionIds.length > 0) {
        void utils.sections.get.prefetch({ conversationId, sectionIds }, { staleTime: Infinity });
      }
    }
  }, [messages, conversationId, utils]);

  if (pages.isPending) return <MessageListSkeleton />;
  if (pages.isError && messages.length === 0) {
    return <MessageListError error={pages.error} onRetry={() => void pages.refetch()} />;
  }
  if (messages.length === 0) return <EmptyConversation />;

  const distanceFromEnd = placed ? virtualizer.getDistanceFromEnd() : 0;
  const farFromEnd = distanceFromEnd > JUMP_BUTTON_DISTANCE;
  const newTextBelow = streaming && distanceFromEnd > NEW_TEXT_DISTANCE;

  return (
    <div className="relative h-full">
      <div
        ref={scrollRef}
        role="region"
        aria-label="Messages"
        tabIndex={0}
        className="scrollbar-thin h-full overflow-y-auto overscroll-contain [overflow-anchor:none] focus-visible:outline-offset-[-2px]"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          <div
            className="absolute inset-x-0 top-0 mx-auto w-full max-w-[760px] px-2 sm:px-4"
            style={{ height: TOP_ROW_HEIGHT }}
          >
            <ListTopRow
              hasOlder={hasNextPage}
              loading={isFetchingNextPage}
              failed={isFetchNextPageError}
              onLoad={() => void fetchNextPage()}
            />
          </div>
          {items.map((item) => {
            const message = messages[item.index];
            if (!message) return null;
            if (grouping && groups.folded.has(item.index)) {
              // Shown in the tabs of its turn's first answer.
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="absolute top-0 left-0 w-full"
                  style={{ transform: `translateY(${item.start}px)` }}
                />
              );
            }
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <div className="mx-auto w-full max-w-[760px] px-2 sm:px-4">
                  <MessageCard
                    message={message}
                    conversationId={conversationId}
                    highlighted={highlightId === message.id}
                    selecting={selection.selecting}
                    selected={selection.selected.has(message.id)}
                    answers={grouping ? groups.heads.get(item.index) : undefined}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </div>
      {newTextBelow ? (
        <div className="absolute left-1/2 -translate-x-1/2" style={{ bottom: 16 + bottomInset }}>
          <Button
            size="sm"
            variant="secondary"
            icon={<ArrowDown />}
            className="rounded-full! shadow-popover"
            onClick={() => {
              virtualizer.scrollToEnd({ behavior: 'smooth' });
            }}
          >
            New text
          </Button>
        </div>
      ) : farFromEnd ? (
        <div className="absolute left-1/2 -translate-x-1/2" style={{ bottom: 16 + bottomInset }}>
          <IconButton
            label="Jump to the latest message"
            icon={<ArrowDown />}
            variant="secondary"
            className="rounded-full! shadow-popover"
            onClick={() => {
              virtualizer.scrollToEnd({ behavior: 'smooth' });
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
