import { useLayoutEffect, useRef, type ComponentProps } from 'react';
import { Textarea } from '../../components';

/**
 * A Textarea that grows with its content (no inner scrollbar until `max-h-*` from `className`
 * is reached). Works inside <Field> like Textarea.
 */
export function AutoHeightTextarea({ value, ref, ...props }: ComponentProps<typeof Textarea>) {
  const inner = useRef<HTMLTextAreaElement | null>(null);

  useLayoutEffect(() => {
    const element = inner.current;
    if (!element) return;
    element.style.height = 'auto';
    // + border, so the last line is never clipped.
    element.style.height = `${String(element.scrollHeight + 2)}px`;
  }, [value]);

  return (
    <Textarea
      {...props}
      value={value}
      ref={(element) => {
        inner.current = element;
        if (typeof ref === 'function') ref(element);
        else if (ref) ref.current = element;
      }}
    />
  );
}
