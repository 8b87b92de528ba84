import { useMemo } from 'react';
import { Markdown } from '../../lib/markdown';
import { splitStreamingBlocks } from './blocks';

/**
 * Markdown that is still being written: finished blocks are memoised (their text no longer
 * changes), so each delta re-renders only the growing tail.
 */
export function StreamingMarkdown({ text }: { text: string }) {
  const blocks = useMemo(() => splitStreamingBlocks(text), [text]);
  return (
    <div className="streaming-markdown" aria-busy="true">
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end: the index is a stable identity.
        <Markdown key={index} text={block} />
      ))}
    </div>
  );
}
