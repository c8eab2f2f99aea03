import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for secrets at rest (the TOTP seeds): base64 of IV ‖ ciphertext ‖ tag, a fresh random
 * 12-byte IV per seal. `aad` binds the ciphertext to its owner, so a sealed secret copied into
 * another customer's record does not open there.
 */
export function sealSecret(key: Buffer, plaintext: Uint8Array, aad: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Opens a sealed secret; throws when the tag does not check (wrong key, owner or tampering). */
export function openSecret(key: Buffer, sealed: string, aad: string): Buffer {
  checkKey(key);
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES + 1) {
    throw new Error('sealed secret is too short');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
    decipher.final(),
  ]);
}

function checkKey(key: Buffer): void {
  if (key.length !== 32) {
    throw new Error('the TOTP key must be 32 bytes (AES-256)');
  }
}
