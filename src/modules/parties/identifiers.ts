/**
 * Identifiers of parties, checked by their national-standard checksums:
 * 统一社会信用代码 (unified social credit code, GB 32100-2015) and
 * 公民身份号码 (resident identity number, GB 11643-1999).
 */

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100: 18 characters from a 31-character set; the last is a mod-31 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(code[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARS[check] === code[17];
}

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** GB 11643: 17 digits (6 region, 8 birth date, 3 sequence) and a mod-11 check character. */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > Date.now()) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return RESIDENT_ID_CHECK[sum % 11] === id[17];
}

/** Upper-cases and strips spaces, as people type these codes. */
export function normaliseIdentifier(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Completes 17 characters with their GB 32100 check character (seeds and tests). */
export function withCreditCodeCheck(body: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(body)) throw new Error(`"${body}" is not 17 characters of the GB 32100 set`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(body[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return body + CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
}

/** Completes 17 digits with their GB 11643 check character (seeds and tests). */
export function withResidentIdCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * RESIDENT_ID_WEIGHTS[i]!;
  return body + RESIDENT_ID_CHECK[sum % 11];
}
