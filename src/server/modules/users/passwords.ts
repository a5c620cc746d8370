// argon2id with the library's defaults (m=19 MiB, t=2, p=1: the OWASP baseline).
import { hash, verify, Algorithm } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password, { algorithm: Algorithm.Argon2id });

export async function checkPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Compared against when the user does not exist, so a wrong username costs as much time as a wrong password. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password'));

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The demo province's accounts and their shared, published password (the demo module seeds them; kept here so
 * that sign-in can tell them apart without importing the demo). While a demo account still has this password it is
 * exempt from the two-factor requirement — its password is public anyway, and the start-up banner says so.
 */
export const DEMO_PASSWORD = 'chibo-demo-2025';
export const DEMO_USERNAMES = ['admin', 'canbo.xa', 'canbo.xa2', 'kiemtra', 'bientap', 'bithu', 'dangvien'] as const;
