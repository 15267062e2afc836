/**
 * 主体 (parties): who owns, looks after, operates, pays or is paid (DESIGN.md §3 Party).
 * Rules: organisations carry a unified social credit code valid per GB 32100, households a
 * resident ID valid per GB 11643 (stored encrypted, shown masked); a party lives in a region of
 * the writer's scope; updates carry the version they were based on. Personal data (个人信息) —
 * a household's name, contact people and phones — is shown masked to roles that may not read
 * it: `visibleParty` is the one place that decides, for GraphQL and spreadsheets alike.
 */
import { assertCan, can } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Clock } from '../../clock';
import type { Db } from '../../db/client';
import { savepoint, withTransaction, type Tx } from '../../db/transaction';
import { oneByKey } from '../../graphql/batch';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { UserErrorCode, UserErrors, defineErrorCodes, ok, optionalText, refusal, refused, requiredLine, text, versionConflict, type Outcome } from '../../graphql/user-errors';
import { recordAuditEvent, recordAuditEvents, recordedWhereItWas } from '../audit/audit.service';
import { numberToCode } from '../regions/division-code';
import { findRegion } from '../regions/regions.service';
import { isValidCreditCode, isValidResidentId, normaliseIdentifier } from './identifiers';
import type { PartyKind, PartyRow } from './parties.table';
import { maskName, maskPhone, maskResidentId, publicName, type PersonalDataCipher } from './personal-data';
import * as store from './parties.store';

export type { PartyKind, PartyRow } from './parties.table';
export { PARTY_KINDS } from './parties.table';
export { insertParties, partyRegionCode, visiblePartyJoin, type PartyValues } from './parties.store';

export const PartyError = defineErrorCodes({
  INVALID_CREDIT_CODE: text('统一社会信用代码校验失败（GB 32100）', 'The unified social credit code fails its GB 32100 checksum.'),
  INVALID_RESIDENT_ID: text('身份证号码校验失败（GB 11643）', 'The resident ID fails its GB 11643 checksum or date.'),
  IDENTIFIER_NOT_ALLOWED: text('此类主体不使用该证件号码', 'This kind of party does not carry this identifier.'),
});

export interface PartyFields {
  kind?: PartyKind;
  name?: string;
  /** 12-digit division code. */
  regionCode?: string;
  creditCode?: string | null;
  residentId?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
}

const NAME_MAX = 200;
const LABEL = { name: text('名称', 'Name'), contactPerson: text('联系人', 'Contact person'), contactPhone: text('联系电话', 'Contact phone') };

export async function partiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(PartyRow | null)[]> {
  assertCan(viewer, 'read');
  return oneByKey(ids, await store.partiesByIds(db, viewer, ids), (r) => r.id);
}

export function listParties(db: Db, viewer: Viewer, filter: store.PartyFilter, sort: { field: store.PartySort; direction: 'asc' | 'desc' }, args: PageArgs): Promise<Connection<PartyRow>> {
  assertCan(viewer, 'read');
  // A household's name is personal data: who sees it masked cannot find it out by searching for
  // it, nor from the cursors of a list in name order.
  const namesInClear = can(viewer, 'personal-data:read');
  const order = store.partyOrder(sort.field, sort.direction, namesInClear);
  const searched = { ...filter, householdNamesSearchable: namesInClear };
  return keysetConnection(
    args,
    order,
    (page) => store.partiesPage(db, viewer, searched, order, page),
    () => store.partiesCount(db, viewer, searched),
  );
}

/**
 * Resolves how a spreadsheet names a party: a unified social credit code, a resident ID (matched
 * by its keyed hash, never decrypted) or a global ID. Unknown or out-of-scope names map to null.
 */
export async function partiesByIdentifier(db: Db, viewer: Viewer, cipher: PersonalDataCipher, identifiers: readonly string[]): Promise<Map<string, PartyRow>> {
  assertCan(viewer, 'read');
  const normalised = identifiers.map((raw) => ({ raw, value: normaliseIdentifier(raw) }));
  const credit = normalised.filter((i) => isValidCreditCode(i.value));
  const resident = normalised.filter((i) => isValidResidentId(i.value)).map((i) => ({ ...i, hash: cipher.hash(i.value) }));
  const ids = normalised.flatMap((i) => {
    const id = tryKeyOf(i.raw.trim(), 'Party');
    return id === undefined ? [] : [{ ...i, id }];
  });
  const [byIdentifier, byId] = await Promise.all([
    credit.length || resident.length
      ? store.partiesByIdentifiers(
          db,
          viewer,
          credit.map((i) => i.value),
          resident.map((i) => i.hash),
        )
      : [],
    ids.length
      ? store.partiesByIds(
          db,
          viewer,
          ids.map((i) => i.id),
        )
      : [],
  ]);
  const found = new Map<string, PartyRow>();
  const keep = (raw: string, row: PartyRow | undefined) => row && found.set(raw, row);
  for (const i of credit)
    keep(
      i.raw,
      byIdentifier.find((row) => row.creditCode === i.value),
    );
  for (const i of resident)
    keep(
      i.raw,
      byIdentifier.find((row) => row.residentIdHash === i.hash),
    );
  for (const i of ids)
    keep(
      i.raw,
      byId.find((row) => row.id === i.id),
    );
  return found;
}

/**
 * A party as this viewer may see it: roles that may read personal data see it in clear; the
 * others (VIEWER, CUSTODIAN, the public) see a household's name as 张** and contacts masked.
 * Resident IDs are masked for everyone.
 */
export function visibleParty(viewer: Viewer, party: PartyRow): PartyRow {
  if (can(viewer, 'personal-data:read')) return party;
  return { ...party, name: party.kind === 'HOUSEHOLD' ? maskName(party.name) : party.name, ...visibleContact(viewer, party.contactPerson, party.contactPhone) };
}

/** A phone number (a party's contact, a custodian's responsible person): digits, spaces, + - ( ), 5 to 20 of them. */
/**
 * What a public notice (公示) may say of parties, for anyone and in no scope: a household as
 * surname + 某, an organisation by its name; and the county's household names, which the notice
 * masks wherever its own text carries them. Nothing else of a party is read.
 */
export async function publicPartyNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await store.kindsAndNames(db, ids);
  return new Map(rows.map((r) => [r.id, r.kind === 'HOUSEHOLD' ? publicName(r.name) : r.name]));
}

/** Parties' names as registered, for matching a bank's counterparty; never answered to a caller. */
export async function registeredNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await store.kindsAndNames(db, ids)).map((r) => [r.id, r.name]));
}

export async function householdNamesOfCounties(db: Db, countyCodes: readonly number[]): Promise<string[]> {
  return countyCodes.length ? store.householdNamesIn(db, countyCodes) : [];
}

export function checkPhone(errors: UserErrors, field: string[], phone: string | null): void {
  if (phone && !/^[\d+\-() ]{5,20}$/.test(phone))
    errors.add(field, UserErrorCode.INVALID_VALUE, text('电话号码含有电话号码不该有的字符', 'The phone number has characters a phone number does not have'));
}

/** A contact person and phone (a party's, a custodian's responsible person) as the viewer may see them: masked unless it may read personal data. */
export function visibleContact(viewer: Viewer, person: string | null, phone: string | null): { contactPerson: string | null; contactPhone: string | null } {
  if (can(viewer, 'personal-data:read')) return { contactPerson: person, contactPhone: phone };
  return { contactPerson: person && maskName(person), contactPhone: phone && maskPhone(phone) };
}

/** What the audit trail keeps of a party, in the API's terms: no ciphertext, no clear resident ID. */
export function auditImage(party: PartyRow) {
  return {
    id: toGlobalId('Party', party.id),
    kind: party.kind,
    name: party.name,
    regionCode: numberToCode(party.regionCode),
    creditCode: party.creditCode,
    residentIdMasked: party.residentIdMasked,
    contactPerson: party.contactPerson,
    contactPhone: party.contactPhone,
    version: party.version,
  };
}

/** Checks the fields and turns them into column values; the merged kind decides which identifier fits. */
async function checkFields(tx: Tx, viewer: Viewer, cipher: PersonalDataCipher, fields: PartyFields, kind: PartyKind, errors: UserErrors): Promise<Partial<store.PartyValues>> {
  const values: Partial<store.PartyValues> = {};
  if (fields.kind != null) values.kind = fields.kind;
  if (fields.name != null) values.name = requiredLine(errors, ['input', 'name'], fields.name, NAME_MAX, LABEL.name);
  if (fields.regionCode != null) {
    if (!codeInScope(fields.regionCode, viewer)) {
      errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, text(`区划 ${fields.regionCode} 不在您的范围内`, `Region ${fields.regionCode} is outside your scope`));
    } else if (!(await findRegion(tx, viewer, fields.regionCode))) {
      errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, text(`没有区划代码 ${fields.regionCode}`, `No region has code ${fields.regionCode}`));
    }
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.creditCode !== undefined) {
    const code = fields.creditCode === null ? null : normaliseIdentifier(fields.creditCode) || null;
    if (code && kind === 'HOUSEHOLD') {
      errors.add(['input', 'creditCode'], PartyError.IDENTIFIER_NOT_ALLOWED, text('农户使用身份证号码，不使用统一社会信用代码', 'A household carries a resident ID, not a credit code'));
    } else if (code && !isValidCreditCode(code)) {
      errors.add(
        ['input', 'creditCode'],
        PartyError.INVALID_CREDIT_CODE,
        text(`"${code.slice(0, 30)}" 不是有效的统一社会信用代码（GB 32100）`, `"${code.slice(0, 30)}" is not a valid unified social credit code (GB 32100)`),
      );
    }
    values.creditCode = code;
  }
  if (fields.residentId !== undefined) {
    const id = fields.residentId === null ? null : normaliseIdentifier(fields.residentId) || null;
    if (id && kind !== 'HOUSEHOLD') {
      errors.add(['input', 'residentId'], PartyError.IDENTIFIER_NOT_ALLOWED, text('只有农户使用身份证号码', 'Only a household carries a resident ID'));
    } else if (id && !isValidResidentId(id)) {
      errors.add(['input', 'residentId'], PartyError.INVALID_RESIDENT_ID, text('身份证号码无效（GB 11643）', 'The resident ID is not valid (GB 11643)'));
    }
    values.residentIdCipher = id && cipher.encrypt(id);
    values.residentIdHash = id && cipher.hash(id);
    values.residentIdMasked = id && maskResidentId(id);
  }
  for (const key of ['contactPerson', 'contactPhone'] as const) {
    if (fields[key] === undefined) continue;
    const value = optionalText(errors, ['input', key], fields[key], 50, LABEL[key]);
    if (key === 'contactPhone') checkPhone(errors, ['input', key], value);
    values[key] = value;
  }
  return values;
}

function duplicate<T>(constraint: string): Outcome<T> {
  const resident = constraint.includes('resident');
  return refusal(
    ['input', resident ? 'residentId' : 'creditCode'],
    UserErrorCode.DUPLICATE,
    resident ? text('已有主体使用此身份证号码', 'Another party already has this resident ID') : text('已有主体使用此统一社会信用代码', 'Another party already has this credit code'),
  );
}

/** Registers a party inside the caller's transaction. */
export async function createPartyIn(tx: Tx, viewer: Viewer, clock: Clock, cipher: PersonalDataCipher, fields: PartyFields): Promise<Outcome<PartyRow>> {
  assertCan(viewer, 'parties:write');
  const errors = new UserErrors();
  if (!fields.kind) errors.add(['input', 'kind'], UserErrorCode.REQUIRED, text('主体类型为必填项', 'Kind is required'));
  if (fields.name === undefined) errors.add(['input', 'name'], UserErrorCode.REQUIRED, text('名称为必填项', 'Name is required'));
  if (fields.regionCode === undefined) errors.add(['input', 'regionCode'], UserErrorCode.REQUIRED, text('所属区划为必填项', 'Region is required'));
  const values = await checkFields(tx, viewer, cipher, fields, fields.kind ?? 'OTHER', errors);
  if (errors.any) return refused(errors);
  const inserted = await savepoint(tx, (sp) => store.insertParties(sp, [values as store.PartyValues]));
  if ('duplicate' in inserted) return duplicate(inserted.duplicate);
  const party = inserted.value[0]!;
  await recordAuditEvent(tx, viewer, clock, {
    action: 'party.create',
    entityType: 'Party',
    entityId: toGlobalId('Party', party.id),
    regionCode: party.regionCode,
    before: null,
    after: auditImage(party),
  });
  return ok(party);
}

export function createParty(db: Db, viewer: Viewer, clock: Clock, cipher: PersonalDataCipher, fields: PartyFields): Promise<Outcome<PartyRow>> {
  return withTransaction(db, (tx) => createPartyIn(tx, viewer, clock, cipher, fields));
}

/** Changes a party inside the caller's transaction, if it is still at `expectedVersion`. */
export async function updatePartyIn(
  tx: Tx,
  viewer: Viewer,
  clock: Clock,
  cipher: PersonalDataCipher,
  id: number | undefined,
  expectedVersion: number,
  fields: PartyFields,
): Promise<Outcome<PartyRow>> {
  assertCan(viewer, 'parties:write');
  const before = id === undefined ? undefined : await store.lockParty(tx, viewer, id);
  if (!before) return refusal(['input', 'id'], UserErrorCode.NOT_FOUND, text('您的范围内没有此主体', 'No party with this id in your scope'));
  const stale = versionConflict(before, expectedVersion, ['input', 'expectedVersion'], text('主体', 'The party'));
  if (stale) return refused([stale]);
  const errors = new UserErrors();
  const kind = fields.kind ?? before.kind;
  const values = await checkFields(tx, viewer, cipher, fields, kind, errors);
  // A kind change must still fit the identifier the party already carries.
  if (fields.kind && fields.residentId === undefined && kind !== 'HOUSEHOLD' && before.residentIdHash) {
    errors.add(['input', 'kind'], PartyError.IDENTIFIER_NOT_ALLOWED, text('该主体登记有身份证号码：只有农户可以', 'The party carries a resident ID: only a household may'));
  }
  if (fields.kind && fields.creditCode === undefined && kind === 'HOUSEHOLD' && before.creditCode) {
    errors.add(['input', 'kind'], PartyError.IDENTIFIER_NOT_ALLOWED, text('该主体登记有统一社会信用代码：农户不可以', 'The party carries a credit code: a household may not'));
  }
  if (errors.any) return refused(errors);
  const updated = await savepoint(tx, (sp) => store.updateParty(sp, before.id, values));
  if ('duplicate' in updated) return duplicate(updated.duplicate);
  const after = updated.value;
  await recordAuditEvents(
    tx,
    viewer,
    clock,
    recordedWhereItWas(
      {
        action: 'party.update',
        entityType: 'Party',
        entityId: toGlobalId('Party', before.id),
        regionCode: after.regionCode,
        before: auditImage(before),
        after: auditImage(after),
      },
      before.regionCode,
      'party.moveOut',
    ),
  );
  return ok(after);
}

export function updateParty(db: Db, viewer: Viewer, clock: Clock, cipher: PersonalDataCipher, id: number | undefined, expectedVersion: number, fields: PartyFields): Promise<Outcome<PartyRow>> {
  return withTransaction(db, (tx) => updatePartyIn(tx, viewer, clock, cipher, id, expectedVersion, fields));
}
