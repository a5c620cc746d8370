// What the two report forms (the public page and the member's form in the app) do with the receipt code, shown once:
// the small text file that keeps it, and the question before the page is left while the reporter has not said they
// saved it. No component kit here: the public page loads it without the app's libraries.
import { useEffect } from 'react';
import type { TFunction } from 'i18next';

/** The receipt's text file: the code and where to follow the report with it. */
export const receiptFileText = (t: TFunction, code: string) =>
  `${t('supervision.public.receiptLabel')}: ${code}\n${t('supervision.public.receiptFileNote', { url: `${window.location.origin}/gop-y/theo-doi` })}\n`;

/** Downloads the receipt's text file (ma-tra-cuu.txt). */
export function downloadReceipt(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'ma-tra-cuu.txt';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const never = () => false;

/** Asks before the page is left until `saved`; `handedOver()` true lets a leave that takes the code along go unasked. */
export function useAskBeforeLeaving(saved: boolean, handedOver: () => boolean = never) {
  useEffect(() => {
    if (saved) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (!handedOver()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [saved, handedOver]);
}
