import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button, type ButtonSize, type ButtonVariant } from './Button';

export interface CopyButtonProps {
  value: string;
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  /** Called when the clipboard is unavailable, e.g. to select the text for manual copying. */
  onCopyFailed?: () => void;
}

export function CopyButton({
  value,
  label = 'Copy',
  variant = 'secondary',
  size = 'md',
  className,
  onCopyFailed,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => {
      setCopied(false);
    }, 2000);
    return () => {
      clearTimeout(timer);
    };
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      onCopyFailed?.();
      toast.error("Couldn't copy automatically — select the text and copy it manually.");
    }
  };

  return (
    <Button
      variant={variant}
      size={size}
      className={className}
      icon={copied ? <Check /> : <Copy />}
      onClick={() => void copy()}
      aria-live="polite"
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}
