/**
 * GraphQL enums from the domain lists the tables use: one `as const` array per list (in the
 * module's table file, where the column is declared) and one description per value, checked
 * complete by the compiler. The enum object is what type-graphql fields take.
 */
import { registerEnumType } from 'type-graphql';

export type EnumObject<V extends string> = { readonly [K in V]: K };

export function graphqlEnum<const V extends string>(name: string, values: readonly V[], description: string, valueDescriptions: Record<V, string>): EnumObject<V> {
  const object = Object.fromEntries(values.map((v) => [v, v])) as EnumObject<V>;
  registerEnumType(object, {
    name,
    description,
    valuesConfig: Object.fromEntries(values.map((v) => [v, { description: valueDescriptions[v] }])) as Record<V, { description: string }>,
  });
  return object;
}

export const SORT_DIRECTIONS = ['ASC', 'DESC'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];
export const SortDirection = graphqlEnum('SortDirection', SORT_DIRECTIONS, 'Ascending or descending.', { ASC: 'Smallest first.', DESC: 'Largest first.' });

export function sqlDirection(direction: SortDirection | undefined): 'asc' | 'desc' {
  return direction === 'DESC' ? 'desc' : 'asc';
}
