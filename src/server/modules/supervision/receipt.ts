// Receipt codes and the counters that protect them. The code is shown once; the database keeps a lookup key
// (a truncated sha256, enough to find the row, useless to recover 100 random bits) and an argon2id hash that
// proves it. Counters of failures and submissions live in memory only, keyed by a salted hash of the address
// with a salt made at start: nothing about who asked is ever written down.
import { createHash, randomInt } from 'node:crypto';
import { isReceiptShape, normalizeReceipt, RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../../../domain/supervision.js';
import { checkPassword, dummyHash, hashPassword } from '../users/passwords.js';

export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < RECEIPT_LENGTH; i++) code += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return code;
}

export const receiptLookup = (normalized: string) => createHash('sha256').update(`chibo-receipt:${normalized}`).digest('hex').slice(0, 32);
export const hashReceipt = (normalized: string) => hashPassword(normalized);

/** The lookup key of a typed code, or null when it cannot be a code at all. */
export function lookupOf(input: string): { normalized: string; lookup: string } | null {
  const normalized = normalizeReceipt(input);
  return isReceiptShape(normalized) ? { normalized, lookup: receiptLookup(normalized) } : null;
}

/** Verifies against the stored hash, or against a dummy one so a miss costs the same time as a wrong code. */
export async function verifyReceipt(stored: string | null, normalized: string): Promise<boolean> {
  if (!stored) {
    await checkPassword(await dummyHash(), normalized);
    return false;
  }
  return checkPassword(stored, normalized);
}

/** Waits until `ms` have passed since `start`, with a little jitter, so a wrong code always takes about as long. */
export async function padTo(start: number, ms: number): Promise<void> {
  const left = ms + randomInt(50) - (Date.now() - start);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}

