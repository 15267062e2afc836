import { withoutInvisible } from '../../graphql/user-errors';

/**
 * An asset code as the register keeps and looks it up: NFKC, so that a code typed in full-width
 * forms (ＺＣ－００１, common with Chinese input methods) is the code ZC-001 and not a second one.
 * Letters keep their case: a code is the county's own identifier, compared as written.
 */
export function normaliseAssetCode(code: string): string {
  return code.trim().normalize('NFKC');
}

/** Spaces and characters that show nothing have no place inside a code: two codes that look alike would differ. */
export function hasBlanks(code: string): boolean {
  return /\s/.test(code) || withoutInvisible(code) !== code;
}
