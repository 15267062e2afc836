import DataLoader from 'dataloader';
import type { Context, LoaderFactory } from '../../graphql/context';
import * as allocation from './allocation.service';

export const planById: LoaderFactory<DataLoader<number, allocation.PlanRow | null>> = (viewer, db) => new DataLoader((ids) => allocation.plansByIds(db, viewer, ids));
export const linesOfPlan: LoaderFactory<DataLoader<number, allocation.LineRow[]>> = (viewer, db) => new DataLoader((ids) => allocation.linesOfPlans(db, viewer, ids));
export const lineById: LoaderFactory<DataLoader<number, allocation.LineRow | null>> = (viewer, db) => new DataLoader((ids) => allocation.linesByIds(db, viewer, ids));
export const disbursementById: LoaderFactory<DataLoader<number, allocation.DisbursementRow | null>> = (viewer, db) => new DataLoader((ids) => allocation.disbursementsByIds(db, viewer, ids));
export const disbursementsOfLine: LoaderFactory<DataLoader<number, allocation.DisbursementRow[]>> = (viewer, db) => new DataLoader((ids) => allocation.disbursementsOfLines(db, viewer, ids));
export const beneficiariesOfLine: LoaderFactory<DataLoader<number, number[]>> = (viewer, db) => new DataLoader((ids) => allocation.beneficiariesOfLines(db, viewer, ids));
export const disbursementsOfPlan: LoaderFactory<DataLoader<number, allocation.DisbursementRow[]>> = (viewer, db) => new DataLoader((ids) => allocation.disbursementsOfPlans(db, viewer, ids));
/** By county (its six digits): its households' names as one pattern, to mask a plan's words for viewers who may not read them. */
export const householdNamesOfCounty: LoaderFactory<DataLoader<number, RegExp | null>> = (_viewer, db) => new DataLoader((codes) => allocation.householdNamePatterns(db, codes));
/** The household names of a region's county, loaded only when a viewer's words need masking (wordsAsSeenBy). */
export const householdNamesFor = (ctx: Context, regionCode: number) => () => ctx.loaders.get(householdNamesOfCounty).load(Math.floor(regionCode / 1_000_000));
