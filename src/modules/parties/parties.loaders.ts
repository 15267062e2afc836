import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import type { PartyRow } from './parties.service';
import { partiesByIds } from './parties.service';

/** Parties by id, in the viewer's scope (null outside it). */
export const partyById: LoaderFactory<DataLoader<number, PartyRow | null>> = (viewer, db) => new DataLoader((ids) => partiesByIds(db, viewer, ids));
