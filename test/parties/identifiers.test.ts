import { describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidResidentId, withCreditCodeCheck, withResidentIdCheck } from '../../src/modules/parties/identifiers';
import { maskName, maskPhone, maskResidentId } from '../../src/modules/parties/personal-data';

describe('GB 32100 unified social credit code', () => {
  it('accepts published codes and codes completed with their check character', () => {
    // The example code of the standard itself.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode(withCreditCodeCheck('N2522327MA0000001'))).toBe(true);
  });

  it('refuses a changed character, a wrong length and letters outside the set', () => {
    const code = withCreditCodeCheck('91522327MA6XYW123');
    const flipped = code.slice(0, 5) + (code[5] === '1' ? '2' : '1') + code.slice(6);
    expect(isValidCreditCode(flipped)).toBe(false);
    expect(isValidCreditCode(code.slice(0, 17))).toBe(false);
    expect(isValidCreditCode('91522327MA6XYI1230')).toBe(false);
  });
});

describe('GB 11643 resident ID', () => {
  it("accepts the standard's own example and X check characters", () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId(withResidentIdCheck('52232719850312123'))).toBe(true);
  });

  it('refuses a wrong check digit, an impossible or future birth date, and bad characters', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId(withResidentIdCheck('52232719850230123'))).toBe(false);
    expect(isValidResidentId(withResidentIdCheck('52232729990101123'))).toBe(false);
    expect(isValidResidentId('52232719850312123Y')).toBe(false);
  });

  it('masks for display', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('4212345')).toBe('*****45');
    expect(maskName('韦国富')).toBe('韦**');
  });
});
