import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import * as cases from './cases.service';

export const caseById: LoaderFactory<DataLoader<number, cases.CaseRow | null>> = (viewer, db) => new DataLoader((ids) => cases.casesByIds(db, viewer, ids));
export const findingById: LoaderFactory<DataLoader<number, cases.FindingRow | null>> = (viewer, db) => new DataLoader((ids) => cases.findingsByIds(db, viewer, ids));
export const findingsOfCase: LoaderFactory<DataLoader<number, cases.FindingRow[]>> = (viewer, db) => new DataLoader((ids) => cases.findingsOfCases(db, viewer, ids));
export const findingsOfAsset: LoaderFactory<DataLoader<number, cases.FindingRow[]>> = (viewer, db) => new DataLoader((ids) => cases.findingsOfAssets(db, viewer, ids));
export const notesOfFinding: LoaderFactory<DataLoader<number, cases.FindingNoteRow[]>> = (viewer, db) => new DataLoader((ids) => cases.notesOfFindings(db, viewer, ids));
