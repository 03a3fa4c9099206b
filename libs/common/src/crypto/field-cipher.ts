import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { FieldKey, Secrets } from '../config/secrets';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class FieldDecryptionError extends Error {
  constructor(reason: string) {
    super(`an encrypted field could not be read: ${reason}`);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * Encryption of sensitive fields in the application, before they reach PostgreSQL: AES-256-GCM
 * with a random 96-bit nonce, the key id in the stored value (so keys can rotate), and the
 * field's name as additional authenticated data (a value moved into another column fails to
 * decrypt). Stored form: `v1.<keyId>.<nonce>.<ciphertext>.<tag>`, base64url parts.
 *
 * Equality lookups (an e-mail address at sign-in) use a keyed hash, HMAC-SHA-256 under a
 * separate key, of the normalised value: the same value always gives the same hash, and without
 * the key the hash tells nothing.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  private readonly active: FieldKey;

  constructor(private readonly secrets: Pick<Secrets, 'fieldKeys' | 'lookupKey'>) {
    if (!secrets.fieldKeys.length) throw new Error('at least one field key is needed');
    for (const k of secrets.fieldKeys)
      if (k.key.length !== 32) throw new Error(`field key ${k.id} must be 32 bytes`);
    this.keys = new Map(secrets.fieldKeys.map((k) => [k.id, k.key]));
    this.active = secrets.fieldKeys[0];
  }

  encrypt(plaintext: string, field: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.active.id, iv, body, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  decrypt(stored: string, field: string): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new FieldDecryptionError('unknown format');
    const key = this.keys.get(parts[1]);
    if (!key) throw new FieldDecryptionError(`key ${parts[1]} is not configured`);
    const [iv, body, tag] = parts.slice(2).map((p) => Buffer.from(p, 'base64url'));
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(field, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('authentication failed');
    }
  }

  encryptOptional(plaintext: string | null | undefined, field: string): string | null {
    return plaintext === null || plaintext === undefined || plaintext === ''
      ? null
      : this.encrypt(plaintext, field);
  }

  decryptOptional(stored: string | null, field: string): string | null {
    return stored === null ? null : this.decrypt(stored, field);
  }

  /** The id of the key new values are encrypted with. */
  get activeKeyId(): string {
    return this.active.id;
  }

  /** Whether a stored value was written under a key other than the active one. */
  needsRotation(stored: string): boolean {
    return stored.split('.')[1] !== this.active.id;
  }

  /** Keyed hash for equality lookups: NFKC, trimmed, lower-cased, then HMAC-SHA-256 (hex). */
  lookupHash(value: string, field: string): string {
    const normal = value.normalize('NFKC').trim().toLowerCase();
    return createHmac('sha256', this.secrets.lookupKey)
      .update(`${field}\u0000${normal}`, 'utf8')
      .digest('hex');
  }
}
