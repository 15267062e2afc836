import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import * as disposal from './disposal.service';

export const disposalById: LoaderFactory<DataLoader<number, disposal.DisposalRow | null>> = (viewer, db) => new DataLoader((ids) => disposal.disposalsByIds(db, viewer, ids));
export const disposalsOfAsset: LoaderFactory<DataLoader<number, disposal.DisposalRow[]>> = (viewer, db) => new DataLoader((ids) => disposal.disposalsOfAssets(db, viewer, ids));
