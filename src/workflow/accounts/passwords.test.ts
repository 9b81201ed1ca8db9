import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, needsRehash, verifyPassword } from './passwords.js';

const LIGHT = { N: 2 ** 14, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the password a hash was made from and no other, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery staple', LIGHT);
    const b = await hashPassword('correct horse battery staple', LIGHT);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery staple', a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const h = await hashPassword('caf\u00e9-au-lait-2024', LIGHT);
    expect(await verifyPassword('cafe\u0301-au-lait-2024', h)).toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const h = await hashPassword('a long enough password', LIGHT);
    expect(await verifyPassword('a long enough password', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('a long enough password', h.replace('$16384$', '$1000$'))).toBe(false);
    expect(await verifyPassword('a long enough password', h.slice(0, -4))).toBe(false);
  });

  it('uses a cost at least OWASP recommends by default, and flags weaker hashes for rehashing', async () => {
    // OWASP Password Storage Cheat Sheet: equally strong scrypt settings, trading memory for time.
    const owasp = [17, 16, 15, 14, 13].map((log2N, k) => ({ N: 2 ** log2N, r: 8, p: [1, 2, 3, 5, 10][k] }));
    expect(owasp).toContainEqual(DEFAULT_SCRYPT_COST);
    const strong = await hashPassword('a long enough password');
    expect(await verifyPassword('a long enough password', strong)).toBe(true);
    expect(needsRehash(strong)).toBe(false);
    expect(needsRehash(await hashPassword('a long enough password', LIGHT))).toBe(true);
  });
});
