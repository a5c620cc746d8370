import { describe, expect, it } from 'vitest';
import { formatReceipt, isReceiptShape, normalizeReceipt, RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../../../domain/supervision.js';
import { cleanAttachment, sniff, stripPdf } from './attachments.js';
import { FailureCounter } from '../../platform/callers.js';
import { newReceiptCode } from './receipt.js';

describe('attachments', () => {
  it('reads the type from the bytes, not the name', () => {
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniff(Buffer.from('GIF89a'))).toBeNull();
    expect(sniff(Buffer.from('<html>'))).toBeNull();
  });

  it('refuses a truncated JPEG', () => {
    expect(cleanAttachment(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 1, 2]))).toBeNull();
  });

  it('blanks PDF author fields in place, keeping every byte offset', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Author (Nguyen \\(Van\\) Bao) /Creator <FEFF004E> /Pages 2 0 R >> endobj\n%%EOF');
    const out = stripPdf(pdf);
    expect(out.length).toBe(pdf.length);
    expect(out.toString('latin1')).not.toMatch(/Nguyen|Bao|FEFF/);
    expect(out.toString('latin1')).toContain('/Pages 2 0 R');
  });
});

describe('receipt codes', () => {
  it('have 100 bits of randomness in 20 unambiguous characters, typed loosely', () => {
    const code = newReceiptCode();
    expect(code).toHaveLength(RECEIPT_LENGTH);
    expect(RECEIPT_LENGTH * Math.log2(RECEIPT_ALPHABET.length)).toBeGreaterThanOrEqual(80);
    expect(isReceiptShape(normalizeReceipt(formatReceipt(code).toLowerCase()))).toBe(true);
    expect(normalizeReceipt('ab0o-il1')).toBe('AB00111');
    expect(new Set(Array.from({ length: 200 }, newReceiptCode)).size).toBe(200);
  });

  it('pause a caller after repeated failures, for a while only', () => {
    const counter = new FailureCounter(2, 1000);
    counter.fail('k', 0);
    expect(counter.blocked('k', 1)).toBe(false);
    counter.fail('k', 2);
    expect(counter.blocked('k', 3)).toBe(true);
    expect(counter.blocked('other', 3)).toBe(false);
    expect(counter.blocked('k', 2000)).toBe(false);
  });
});
