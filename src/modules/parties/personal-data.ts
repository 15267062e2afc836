/**
 * Personal data (个人信息): resident IDs are stored encrypted (AES-256-GCM) with a keyed hash for
 * uniqueness, and shown masked to everyone; contact names and phones are shown masked to roles
 * that may not read personal data.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export class PersonalDataCipher {
  private readonly key: Buffer;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    this.key = createHash('sha256')
      .update('encrypt:' + secret)
      .digest();
    this.hashKey = createHash('sha256')
      .update('hash:' + secret)
      .digest();
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  decrypt(sealed: string): string {
    const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash: equal IDs give equal hashes, which a unique index can enforce. */
  hash(plain: string): string {
    return createHmac('sha256', this.hashKey).update(plain).digest('hex');
  }
}

/** 522327199001011234 → 522327********1234 */
export function maskResidentId(id: string): string {
  return id.slice(0, 6) + '*'.repeat(8) + id.slice(14);
}

/** 13812345678 → 138****5678; shorter numbers (landlines) keep only their last two digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return phone.slice(0, 3) + '****' + phone.slice(-4);
  return '*'.repeat(Math.max(phone.length - 2, 1)) + phone.slice(-2);
}

/** 张三丰 → 张某: a person as a public notice (公示) names them. */
export function publicName(name: string): string {
  return `${Array.from(name)[0] ?? ''}某`;
}

/** 张三丰 → 张** */
export function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
