import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import * as contracts from './contracts.service';

export const contractById: LoaderFactory<DataLoader<number, contracts.ContractRow | null>> = (viewer, db) => new DataLoader((ids) => contracts.contractsByIds(db, viewer, ids));
export const contractsOfAsset: LoaderFactory<DataLoader<number, contracts.ContractRow[]>> = (viewer, db) => new DataLoader((ids) => contracts.contractsOfAssets(db, viewer, ids));
