/** Enums shared by several modules' schemas. */
import { registerEnumType } from 'type-graphql';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

export function sqlDirection(direction: SortDirection | undefined): 'asc' | 'desc' {
  return direction === SortDirection.DESC ? 'desc' : 'asc';
}
