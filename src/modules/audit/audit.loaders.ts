import DataLoader from 'dataloader';
import type { LoaderFactory } from '../../graphql/context';
import type { AuditEventRow } from './audit.table';
import { auditEventsByIds } from './audit.service';

export const auditEventById: LoaderFactory<DataLoader<number, AuditEventRow | null>> = (viewer, db) => new DataLoader((ids) => auditEventsByIds(db, viewer, ids));
