import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import type { ProjectFundingRow, ProjectRow } from './projects.service';
import { fundingOfProjects, projectsByCodes, projectsByIds } from './projects.service';

export const projectById: LoaderFactory<DataLoader<number, ProjectRow | null>> = (viewer, db) => new DataLoader((ids) => projectsByIds(db, viewer, ids));

export const projectByCode: LoaderFactory<DataLoader<string, ProjectRow | null>> = (viewer, db) => new DataLoader((codes) => projectsByCodes(db, viewer, codes));

export const projectFunding: LoaderFactory<DataLoader<number, ProjectFundingRow[]>> = (viewer, db) => new DataLoader((ids) => fundingOfProjects(db, viewer, ids));
