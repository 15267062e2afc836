import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import { projectById } from '../projects/projects.loaders';
import type { AssetFundingRow, AssetRow, AssetStatusChangeRow } from './assets.service';
import { assetsByCodes, assetsByIds, fundedAssetValue, fundingOfAssets, statusChangesOfAssets } from './assets.service';

export const assetById: LoaderFactory<DataLoader<number, AssetRow | null>> = (viewer, db) => new DataLoader((ids) => assetsByIds(db, viewer, ids));

export const assetByCode: LoaderFactory<DataLoader<string, AssetRow | null>> = (viewer, db) => new DataLoader((codes) => assetsByCodes(db, viewer, codes));

/** Funding lines, with each line's project primed into projectById: `project { code }` then costs no statement. */
export const assetFunding: LoaderFactory<DataLoader<number, AssetFundingRow[]>> = (viewer, db, loaders) =>
  new DataLoader(async (ids) => {
    const projects = loaders.get(projectById);
    return (await fundingOfAssets(db, viewer, ids)).map((lines) =>
      lines.map(({ line, project }) => {
        if (line.projectId !== null) projects.prime(line.projectId, project);
        return line;
      }),
    );
  });

export const assetStatusChanges: LoaderFactory<DataLoader<number, AssetStatusChangeRow[]>> = (viewer, db) => new DataLoader((ids) => statusChangesOfAssets(db, viewer, ids));

/** Per project: the value of its funding that went into assets in the viewer's scope. */
export const projectAssetValue: LoaderFactory<DataLoader<number, bigint>> = (viewer, db) => new DataLoader((ids) => fundedAssetValue(db, viewer, ids));
