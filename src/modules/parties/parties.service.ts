/**
 * 主体 (parties): who owns, looks after, operates, pays or is paid (DESIGN.md §3 Party).
 * Rules: organisations carry a unified social credit code valid per GB 32100, households a
 * resident ID valid per GB 11643 (stored encrypted, shown masked); a party lives in a region of
 * the writer's scope; updates carry the version they were based on.
 */
import { can, requirePermission } from '../../auth/permissions';
import { codeInScope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import type { Db } from '../../db/client';
import { uniqueViolation, withTransaction, type Tx } from '../../db/transaction';
import { oneByKey } from '../../graphql/batch';
import { keysetConnection, type Connection, type PageArgs } from '../../graphql/relay';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { UserErrorCode, UserErrors, ok, optionalText, refused, requiredText, type Outcome } from '../../graphql/user-errors';
import { recordAuditEvent } from '../audit/audit.service';
import { findRegion } from '../regions/regions.service';
import { isValidCreditCode, isValidResidentId, normaliseIdentifier } from './identifiers';
import { PARTY_KINDS, type PartyRow } from './parties.table';
import { PersonalDataCipher, maskName, maskPhone, maskResidentId } from './personal-data';
import * as store from './parties.store';

export type PartyKind = (typeof PARTY_KINDS)[number];

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

export async function partiesByIds(db: Db, viewer: Viewer, ids: readonly number[]): Promise<(PartyRow | null)[]> {
  requirePermission(viewer, 'read');
  return oneByKey(ids, await store.partiesByIds(db, viewer, ids), (r) => r.id);
}

export async function listParties(
  db: Db,
  viewer: Viewer,
  filter: store.PartyFilter,
  sort: { field: store.PartySort; direction: 'asc' | 'desc' },
  args: PageArgs,
): Promise<Connection<PartyRow>> {
  requirePermission(viewer, 'read');
  const order = store.partyOrder(sort.field, sort.direction);
  return keysetConnection(
    args,
    order,
    (page) => store.partiesPage(db, viewer, filter, order, page),
    (r) => [sort.field === 'NAME' ? r.name : r.createdAt.toISOString(), r.id],
    () => store.partiesCount(db, viewer, filter),
  );
}

/**
 * Resolves how a spreadsheet names a party: a unified social credit code, a resident ID (matched
 * by its keyed hash, never decrypted) or a global ID. Unknown or out-of-scope names map to null.
 */
export async function partiesByIdentifier(db: Db, viewer: Viewer, cipher: PersonalDataCipher, identifiers: readonly string[]): Promise<Map<string, PartyRow>> {
  requirePermission(viewer, 'read');
  const normalised = identifiers.map((raw) => ({ raw, value: normaliseIdentifier(raw) }));
  const credit = normalised.filter((i) => isValidCreditCode(i.value));
  const resident = normalised.filter((i) => isValidResidentId(i.value));
  const ids = normalised.map((i) => ({ ...i, id: tryKeyOf(i.raw.trim(), 'Party') })).filter((i) => i.id !== undefined);
  const [byIdentifier, byId] = await Promise.all([
    credit.length || resident.length ? store.partiesByIdentifiers(db, viewer, credit.map((i) => i.value), resident.map((i) => cipher.hash(i.value))) : [],
    ids.length ? store.partiesByIds(db, viewer, ids.map((i) => i.id!)) : [],
  ]);
  const found = new Map<string, PartyRow>();
  for (const i of credit) {
    const p = byIdentifier.find((row) => row.creditCode === i.value);
    if (p) found.set(i.raw, p);
  }
  for (const i of resident) {
    const p = byIdentifier.find((row) => row.residentIdHash === cipher.hash(i.value));
    if (p) found.set(i.raw, p);
  }
  for (const i of ids) {
    const p = byId.find((row) => row.id === i.id);
    if (p) found.set(i.raw, p);
  }
  return found;
}

/** Contact data as this viewer may see it: in clear for roles that read personal data, masked otherwise. */
export function visibleContact(viewer: Viewer, party: PartyRow): { person: string | null; phone: string | null } {
  if (can(viewer, 'personal-data:read')) return { person: party.contactPerson, phone: party.contactPhone };
  return {
    person: party.contactPerson && maskName(party.contactPerson),
    phone: party.contactPhone && maskPhone(party.contactPhone),
  };
}

/** What the audit trail keeps of a party: no ciphertext, no clear resident ID. */
export function auditImage(party: PartyRow) {
  const { residentIdCipher: _cipher, residentIdHash: _hash, ...rest } = party;
  return rest;
}

/** Checks the fields and turns them into column values; the merged kind decides which identifier fits. */
async function checkFields(
  db: Db,
  viewer: Viewer,
  cipher: PersonalDataCipher,
  fields: PartyFields,
  kind: PartyKind,
  errors: UserErrors,
): Promise<Partial<store.PartyValues>> {
  const values: Partial<store.PartyValues> = {};
  if (fields.kind !== undefined) values.kind = fields.kind;
  if (fields.name !== undefined) values.name = requiredText(errors, ['input', 'name'], fields.name, NAME_MAX, 'Name');
  if (fields.regionCode !== undefined) {
    if (!codeInScope(fields.regionCode, viewer)) {
      errors.add(['input', 'regionCode'], UserErrorCode.OUT_OF_SCOPE, `Region ${fields.regionCode} is outside your scope`);
    } else if (!(await findRegion(db, viewer, fields.regionCode))) {
      errors.add(['input', 'regionCode'], UserErrorCode.REGION_NOT_FOUND, `No region has code ${fields.regionCode}`);
    }
    values.regionCode = Number(fields.regionCode);
  }
  if (fields.creditCode !== undefined) {
    const code = fields.creditCode === null ? null : normaliseIdentifier(fields.creditCode) || null;
    if (code && kind === 'HOUSEHOLD') {
      errors.add(['input', 'creditCode'], UserErrorCode.IDENTIFIER_NOT_ALLOWED, 'A household carries a resident ID, not a credit code');
    } else if (code && !isValidCreditCode(code)) {
      errors.add(['input', 'creditCode'], UserErrorCode.INVALID_CREDIT_CODE, `"${code}" is not a valid unified social credit code (GB 32100)`);
    }
    values.creditCode = code;
  }
  if (fields.residentId !== undefined) {
    const id = fields.residentId === null ? null : normaliseIdentifier(fields.residentId) || null;
    if (id && kind !== 'HOUSEHOLD') {
      errors.add(['input', 'residentId'], UserErrorCode.IDENTIFIER_NOT_ALLOWED, 'Only a household carries a resident ID');
    } else if (id && !isValidResidentId(id)) {
      errors.add(['input', 'residentId'], UserErrorCode.INVALID_RESIDENT_ID, 'The resident ID is not valid (GB 11643)');
    }
    values.residentIdCipher = id && cipher.encrypt(id);
    values.residentIdHash = id && cipher.hash(id);
    values.residentIdMasked = id && maskResidentId(id);
  }
  for (const key of ['contactPerson', 'contactPhone'] as const) {
    if (fields[key] === undefined) continue;
    const text = optionalText(errors, ['input', key], fields[key], 50, key);
    if (key === 'contactPhone' && text && !/^[\d+\-() ]{5,20}$/.test(text)) {
      errors.add(['input', key], UserErrorCode.INVALID_VALUE, 'The phone number has characters a phone number does not have');
    }
    values[key] = text;
  }
  return values;
}

function duplicateOutcome<T>(constraint: string): Outcome<T> {
  const field = constraint.includes('resident') ? 'residentId' : 'creditCode';
  return refused(new UserErrors().add(['input', field], UserErrorCode.DUPLICATE, `Another party already has this ${field === 'residentId' ? 'resident ID' : 'credit code'}`));
}

export async function createParty(db: Db, viewer: Viewer, cipher: PersonalDataCipher, fields: PartyFields): Promise<Outcome<PartyRow>> {
  requirePermission(viewer, 'parties:write');
  const errors = new UserErrors();
  if (!fields.kind) errors.add(['input', 'kind'], UserErrorCode.REQUIRED, 'Kind is required');
  if (fields.name === undefined) errors.add(['input', 'name'], UserErrorCode.REQUIRED, 'Name is required');
  if (fields.regionCode === undefined) errors.add(['input', 'regionCode'], UserErrorCode.REQUIRED, 'Region is required');
  const values = await checkFields(db, viewer, cipher, fields, fields.kind ?? 'OTHER', errors);
  if (errors.any) return refused(errors);
  try {
    return await withTransaction(db, async (tx: Tx) => {
      const party = await store.insertParty(tx, values as store.PartyValues);
      await recordAuditEvent(tx, viewer, {
        action: 'party.create',
        entityType: 'Party',
        entityId: toGlobalId('Party', party.id),
        regionCode: party.regionCode,
        before: null,
        after: auditImage(party),
      });
      return ok(party);
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint) return duplicateOutcome(constraint);
    throw error;
  }
}

export async function updateParty(
  db: Db,
  viewer: Viewer,
  cipher: PersonalDataCipher,
  id: number | undefined,
  expectedVersion: number,
  fields: PartyFields,
): Promise<Outcome<PartyRow>> {
  requirePermission(viewer, 'parties:write');
  const notFound = refused<PartyRow>(new UserErrors().add(['input', 'id'], UserErrorCode.NOT_FOUND, 'No party with this id in your scope'));
  if (id === undefined) return notFound;
  try {
    return await withTransaction(db, async (tx: Tx) => {
      const before = await store.lockParty(tx, viewer, id);
      if (!before) return notFound;
      if (before.version !== expectedVersion) {
        return refused<PartyRow>(
          new UserErrors().add(['input', 'expectedVersion'], UserErrorCode.VERSION_CONFLICT, `The party is at version ${before.version}, not ${expectedVersion}`),
        );
      }
      const errors = new UserErrors();
      const kind = fields.kind ?? before.kind;
      const values = await checkFields(tx, viewer, cipher, fields, kind, errors);
      // A kind change must still fit the identifier the party already carries.
      if (fields.kind && fields.residentId === undefined && kind !== 'HOUSEHOLD' && before.residentIdHash) {
        errors.add(['input', 'kind'], UserErrorCode.IDENTIFIER_NOT_ALLOWED, 'The party carries a resident ID: only a household may');
      }
      if (fields.kind && fields.creditCode === undefined && kind === 'HOUSEHOLD' && before.creditCode) {
        errors.add(['input', 'kind'], UserErrorCode.IDENTIFIER_NOT_ALLOWED, 'The party carries a credit code: a household may not');
      }
      if (errors.any) return refused<PartyRow>(errors);
      const after = await store.updateParty(tx, id, values);
      await recordAuditEvent(tx, viewer, {
        action: 'party.update',
        entityType: 'Party',
        entityId: toGlobalId('Party', id),
        regionCode: after.regionCode,
        before: auditImage(before),
        after: auditImage(after),
      });
      return ok(after);
    });
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint) return duplicateOutcome(constraint);
    throw error;
  }
}
