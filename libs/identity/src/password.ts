import { BadUserInputException } from '@app/common';
import * as argon2 from 'argon2';
import { randomInt } from 'node:crypto';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, costly to guess at scale. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown address answers no faster than a known one. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('no user has this password');
  await verifyPassword(await dummy, password);
}

/** Length rules only (NIST SP 800-63B): long enough, not the e-mail address. */
export function checkNewPassword(password: string, email: string | null, field: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    throw BadUserInputException.field(
      field,
      `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください`,
    );
  if ([...password].length > MAX_PASSWORD_LENGTH)
    throw BadUserInputException.field(
      field,
      `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください`,
    );
  if (new Set(password).size < 4)
    throw BadUserInputException.field(field, 'パスワードには4種類以上の文字を使ってください');
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0]))
    throw BadUserInputException.field(field, 'パスワードにメールアドレスを含めないでください');
}

const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A temporary password an admin reads out once: 16 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  return Array.from({ length: 16 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)])
    .join('')
    .replace(/(.{4})(?!$)/g, '$1-');
}
