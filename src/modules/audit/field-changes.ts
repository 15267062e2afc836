/**
 * An audit event's before/after images compared field by field, for auditors: nested objects by
 * their dotted path (`owners.0.shareBp` stays whole: a list is one value), each change once, in
 * the order the fields come.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys.flatMap((key) => fieldChanges(b[key] ?? null, a[key] ?? null, path ? `${path}.${key}` : key));
  }
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ field: path, before: before ?? null, after: after ?? null }];
}
