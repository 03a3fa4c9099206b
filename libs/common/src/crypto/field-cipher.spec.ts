import { randomBytes } from 'node:crypto';
import { FieldCipher, FieldDecryptionError } from './field-cipher';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('FieldCipher', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const lookupKey = randomBytes(32);
  const cipher = new FieldCipher({ fieldKeys: [k1], lookupKey });

  it('round-trips Japanese text and never stores it in the clear', () => {
    const stored = cipher.encrypt('山田 花子（ひきこもり歴10年）', 'candidate.notes');
    expect(stored).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored).not.toContain('山田');
    expect(cipher.decrypt(stored, 'candidate.notes')).toBe('山田 花子（ひきこもり歴10年）');
  });

  it('uses a new nonce each time: the same value never encrypts the same', () => {
    expect(cipher.encrypt('同じ', 'f')).not.toBe(cipher.encrypt('同じ', 'f'));
  });

  it('refuses a value moved to another field, or changed by one bit', () => {
    const stored = cipher.encrypt('090-1234-5678', 'candidate.contact');
    expect(() => cipher.decrypt(stored, 'candidate.notes')).toThrow(FieldDecryptionError);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'candidate.contact')).toThrow(
      FieldDecryptionError,
    );
  });

  it('rotates keys: a new first key encrypts, the old one still decrypts, and says what to re-encrypt', () => {
    const old = cipher.encrypt('古い鍵で', 'f');
    const rotated = new FieldCipher({ fieldKeys: [k2, k1], lookupKey });
    expect(rotated.decrypt(old, 'f')).toBe('古い鍵で');
    expect(rotated.needsRotation(old)).toBe(true);
    const fresh = rotated.encrypt('新しい鍵で', 'f');
    expect(fresh.split('.')[1]).toBe('k2');
    expect(rotated.needsRotation(fresh)).toBe(false);
    const retired = new FieldCipher({ fieldKeys: [k2], lookupKey });
    expect(() => retired.decrypt(old, 'f')).toThrow(/key k1 is not configured/);
  });

  it('gives equal keyed hashes for the same address however typed, and different ones per key and field', () => {
    const a = cipher.lookupHash('Hanako@Example.JP ', 'app_user.email');
    expect(cipher.lookupHash('hanako@example.jp', 'app_user.email')).toBe(a);
    expect(cipher.lookupHash('ｈａｎａｋｏ@example.jp', 'app_user.email')).toBe(a);
    expect(cipher.lookupHash('hanako@example.jp', 'other.field')).not.toBe(a);
    const otherKey = new FieldCipher({ fieldKeys: [k1], lookupKey: randomBytes(32) });
    expect(otherKey.lookupHash('hanako@example.jp', 'app_user.email')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses keys of the wrong size', () => {
    expect(
      () => new FieldCipher({ fieldKeys: [{ id: 'x', key: randomBytes(16) }], lookupKey }),
    ).toThrow(/32 bytes/);
  });
});
