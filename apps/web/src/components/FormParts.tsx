import type { ReactNode } from 'react';
import { Button } from './Button';
import { DialogClose, DialogFooter, type DialogProps } from './Dialog';
import { Notice } from './Notice';

/** What the page that owns a dialog passes to it. */
export type DialogOpenProps = Pick<DialogProps, 'open' | 'onOpenChange'>;

/** The form-level error at the top of a form, announced when it appears. */
export function FormErrorNotice({ message }: { message: string | null }) {
  return message ? (
    <Notice tone="danger" role="alert">
      {message}
    </Notice>
  ) : null;
}

/** A form dialog's actions: Cancel closes it, the primary button submits the form. */
export function DialogFormFooter({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button variant="secondary">Cancel</Button>
      </DialogClose>
      <Button type="submit" variant="primary" loading={pending}>
        {children}
      </Button>
    </DialogFooter>
  );
}
