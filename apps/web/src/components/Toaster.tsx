import { Toaster as Sonner } from 'sonner';
import { useTheme } from '../lib/theme';

/** Mounted once in main.tsx. Call `toast.success(…)` / `toast.error(…)` from 'sonner' anywhere. */
export function Toaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Sonner
      theme={resolvedTheme}
      position="bottom-right"
      closeButton
      richColors
      toastOptions={{
        classNames: {
          toast: '!rounded-xl !font-sans !shadow-popover',
        },
      }}
    />
  );
}

export { toast } from 'sonner';
