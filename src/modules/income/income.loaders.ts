import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import * as income from './income.service';

export const incomeById: LoaderFactory<DataLoader<number, income.IncomeRow | null>> = (viewer, db) => new DataLoader((ids) => income.incomeByIds(db, viewer, ids));
export const incomeOfAsset: LoaderFactory<DataLoader<number, income.IncomeRow[]>> = (viewer, db) => new DataLoader((ids) => income.incomeOfAssets(db, viewer, ids));
export const partsOfIncome: LoaderFactory<DataLoader<number, income.IncomePartRow[]>> = (viewer, db) => new DataLoader((ids) => income.partsOfIncomes(db, viewer, ids));
export const partsOfPlan: LoaderFactory<DataLoader<number, income.IncomePartRow[]>> = (viewer, db) => new DataLoader((ids) => income.partsOfPlans(db, viewer, ids));
export const plansOfAsset: LoaderFactory<DataLoader<number, number[]>> = (viewer, db) => new DataLoader((ids) => income.plansOfAssets(db, viewer, ids));
