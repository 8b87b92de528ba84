import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { IconButton, type ButtonSize, type ButtonVariant } from './Button';

export interface CopyIconButtonProps {
  value: string;
  /** Accessible name and tooltip, e.g. "Copy message". */
  label?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}

/** Icon-only copy button: the icon turns into a check for two seconds after copying. */
export function CopyIconButton({
  value,
  label = 'Copy',
  variant = 'ghost',
  size = 'sm',
  className,
}: CopyIconButtonProps) {
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
      toast.error("Couldn't copy automatically — select the text and copy it manually.");
    }
  };

  return (
    <IconButton
      label={copied ? 'Copied' : label}
      icon={copied ? <Check /> : <Copy />}
      variant={variant}
      size={size}
      className={className}
      onClick={() => void copy()}
    />
  );
}
