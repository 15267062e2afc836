/**
 * Which texts each PostgreSQL connection prepares (db/client.ts): every stable one, long reads
 * included (the arrears and the reconciliation were parsed and planned on every request), and
 * never a text that changes from call to call (bulk inserts, lists expanded into parameters, SET
 * commands, statements built from the caller's choices), which would pile up on every connection.
 */
import { describe, expect, it } from 'vitest';
import { preparedText } from '../../src/db/client';

const long = (head: string) => `${head} ${'x '.repeat(3000)}`;

describe('prepared texts', () => {
  it('prepares short statements and long reads', () => {
    expect(preparedText('/* assetsByIds */ select * from asset where id = any($1::bigint[])')).toBe(true);
    expect(preparedText('/* lockAsset */ insert into asset_tally values ($1, $2)')).toBe(true);
    expect(preparedText(long('/* arrearsPage */ with a as materialized (select $1, $29'))).toBe(true);
  });

  it('leaves SET commands and statements labelled unprepared unnamed, short or long', () => {
    expect(preparedText("/* importSnapshot */ set transaction snapshot '00000003-0000001B-1'")).toBe(false);
    expect(preparedText('/* auditFindingsCount, unprepared */ select count(*) from x')).toBe(false);
    expect(preparedText(long('/* auditFindingsPage, unprepared */ select $1'))).toBe(false);
    expect(preparedText('/* unpreparedLooking */ select 1')).toBe(true);
  });

  it('leaves long inserts and lists of hundreds of parameters unnamed', () => {
    expect(preparedText(long('/* insertIncomeParts */ insert into income_part values ($1, $2)'))).toBe(false);
    expect(preparedText(long('  insert into x values ($1)'))).toBe(false);
    expect(preparedText(long('/* matchLines */ select * from (values ($1, $2), ($100, $101)) v'))).toBe(false);
  });
});
