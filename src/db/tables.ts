/** Every module's tables, for drizzle-kit. Modules import their own table files directly. */
export * from '../modules/regions/regions.table';
export * from '../modules/parties/parties.table';
export * from '../modules/audit/audit.table';
export * from '../modules/projects/projects.table';
export * from '../modules/assets/assets.table';
export * from '../modules/ownership/ownership.table';
export * from '../modules/reports/reports.table';
