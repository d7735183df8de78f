/**
 * Device and admin tokens and enrolment codes: random, shown once, stored only as a
 * SHA-256 hash (they are 256-bit random, so a plain hash is enough; no password stretching).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

export const newDeviceToken = (): string => `ydt_${randomBytes(32).toString('base64url')}`;
export const newAdminToken = (): string => `yat_${randomBytes(32).toString('base64url')}`;

// No 0/O, 1/I/L: codes are read aloud and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 10 characters (~49 bits) as XXXXX-XXXXX; short-lived, single use and rate-limited. */
export function newEnrolmentCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** Lenient on input: lower case, blanks and missing dash are fine. */
export const normaliseCode = (code: string): string => {
  const s = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
};

/** Staff codes compare without case or blanks, as on the desktop (api/mine.ts). */
export const staffKey = (staff: string): string => staff.trim().toLowerCase();
