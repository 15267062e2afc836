import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import * as statements from './statements.service';

export const statementLineById: LoaderFactory<DataLoader<number, statements.StatementLineRow | null>> = (viewer, db) => new DataLoader((ids) => statements.linesByIds(db, viewer, ids));
export const statementLineOfIncome: LoaderFactory<DataLoader<number, statements.StatementLineRow | null>> = (viewer, db) => new DataLoader((ids) => statements.linesOfIncomes(db, viewer, ids));
