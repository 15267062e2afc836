/** The one transaction helper: every write runs inside it, together with its audit event. */
import { sql } from 'drizzle-orm';
import { connectionsOf, isEmbedded, queryRows, type Db } from './client';

export type Tx = Db;

export function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Tx));
}

class Discarded extends Error {}

/**
 * Runs `work` in a transaction and keeps what it wrote only if it says so: a dry run, or a file
 * with a bad row, is checked against the real effect of its writes and then rolled back whole.
 */
export async function withTransactionKeptIf<T>(db: Db, work: (tx: Tx) => Promise<{ keep: boolean; value: T }>): Promise<T> {
  let outcome: { keep: boolean; value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      outcome = await work(tx as unknown as Tx);
      if (!outcome.keep) throw new Discarded();
    });
  } catch (error) {
    if (!(error instanceof Discarded)) throw error;
  }
  return outcome!.value;
}

/**
 * Runs `work` inside a savepoint of the caller's transaction. A unique violation rolls back to
 * the savepoint only — the caller's transaction stays usable — and comes back as the constraint
 * it broke, for the service to report as a userError; any other error is rethrown.
 */
export async function savepoint<T>(tx: Tx, work: (sp: Tx) => Promise<T>): Promise<{ value: T } | { duplicate: string }> {
  try {
    return { value: await tx.transaction((sp) => work(sp as unknown as Tx)) };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint) return { duplicate: constraint };
    throw error;
  }
}

/** The constraint a unique violation (SQLSTATE 23505) broke, or null for any other error. */
export function uniqueViolation(error: unknown): string | null {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint, constraint_name } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === '23505') return constraint ?? constraint_name ?? 'unique';
  }
  return null;
}

/** Every statement gets STATEMENT_TIMEOUT_MS (default 5 s): a list, a lookup, a write. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

/**
 * Work that reads far more than it returns — exports, summaries over the register, chain
 * verification, audit checks — runs with this longer limit instead, in a read-only transaction
 * of its own, so a search that cannot use an index cannot hold a connection as long. Its
 * statements all read one snapshot (repeatable read; read-only, so it never fails to serialize).
 */
export const REPORT_STATEMENT_TIMEOUT_MS = 120_000;

/**
 * For the one long statement of a write (opening a county's stocktake copies its whole register):
 * the rest of the caller's transaction runs with the report limit instead of the default. A
 * report that sorts and groups a province's rows also asks for `workMemMb` of memory per sort or
 * hash (PostgreSQL's default 4 MB spills them to disk), set in the same statement.
 */
export async function allowLongStatements(tx: Tx, workMemMb?: number): Promise<void> {
  const memory = workMemMb === undefined ? '' : `, set_config('work_mem', '${Math.floor(workMemMb)}MB', true)`;
  await tx.execute(sql.raw(`/* reportTimeout */ select set_config('statement_timeout', '${REPORT_STATEMENT_TIMEOUT_MS}', true)${memory}`));
}

/** A report's transaction reads one snapshot, read only: before any query of it (an imported snapshot needs repeatable read too). */
const readOneSnapshot = (tx: Db) => tx.execute(sql.raw('/* reportTransaction */ set transaction isolation level repeatable read, read only'));

export function withReportTimeout<T>(db: Db, work: (tx: Tx) => Promise<T>, workMemMb?: number): Promise<T> {
  return db.transaction(async (tx) => {
    await readOneSnapshot(tx);
    await allowLongStatements(tx as unknown as Tx, workMemMb);
    return work(tx as unknown as Tx);
  });
}

/** Parallel reports running in this process: one at a time, so that lanes never wait on each other for connections. */
let parallelReports = 0;

/**
 * Report work spread over up to `wanted` connections that all read one snapshot: the first
 * report transaction exports its snapshot (repeatable read) and the others import it, so
 * statements run side by side and still see the same register. A report holds its first
 * connection while it waits for the others, so one such report runs at a time per process and
 * leaves a connection of the pool free (any other request holds one connection at most and
 * gives it back); another report meanwhile, a pool of one or two, or the embedded database (one
 * session) get one lane.
 */
export async function withParallelReport<T>(db: Db, wanted: number, work: (txs: Tx[]) => Promise<T>, workMemMb?: number): Promise<T> {
  const lanes = parallelReports > 0 || isEmbedded(db) ? 1 : Math.min(wanted, connectionsOf(db) - 1);
  if (lanes <= 1) return withReportTimeout(db, (tx) => work([tx]), workMemMb);
  parallelReports++;
  try {
    return await inLanes(db, lanes, work, workMemMb);
  } finally {
    parallelReports--;
  }
}

async function inLanes<T>(db: Db, lanes: number, work: (txs: Tx[]) => Promise<T>, workMemMb: number | undefined): Promise<T> {
  return db.transaction(async (first) => {
    await readOneSnapshot(first);
    await allowLongStatements(first as unknown as Tx, workMemMb);
    const [exported] = await queryRows<{ snapshot: string }>(first, sql`/* exportSnapshot */ select pg_export_snapshot() as snapshot`);
    const snapshot = exported!.snapshot;
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const others = Array.from({ length: lanes - 1 }, () => {
      let opened!: (tx: Tx) => void;
      const ready = new Promise<Tx>((resolve) => (opened = resolve));
      const ended = db.transaction(async (tx) => {
        await readOneSnapshot(tx);
        await tx.execute(sql.raw(`/* importSnapshot */ set transaction snapshot '${snapshot}'`));
        await allowLongStatements(tx as unknown as Tx, workMemMb);
        opened(tx as unknown as Tx);
        await released;
      });
      // A lane that cannot open fails the report instead of leaving it waiting.
      return { ready: Promise.race([ready, ended.then(() => Promise.reject(new Error('a report lane ended before it opened')))]), ended };
    });
    try {
      return await work([first as unknown as Tx, ...(await Promise.all(others.map((o) => o.ready)))]);
    } finally {
      release();
      await Promise.allSettled(others.map((o) => o.ended));
    }
  });
}

/** How long a streamed read waits for its reader to take a batch before it gives up (a stalled client must not hold a connection). */
export const READER_WAIT_MS = 30_000;

/**
 * A long read streamed in batches: `produce` runs in one report transaction (one snapshot) and
 * hands each batch to `emit`, which resolves once the consumer has taken it, so one batch at a
 * time is in memory however many rows the read has. A consumer that stops early (a client that
 * went away), or takes longer than READER_WAIT_MS for a batch, makes the pending `emit` throw,
 * which ends the transaction. On the embedded database, which is one session, a transaction
 * held through a download would stop every other request: there the read finishes first and
 * its batches are handed over afterwards, as a bounded export (a county) allows.
 */
export async function* streamReport<T>(db: Db, produce: (tx: Tx, emit: (batch: T) => Promise<void>) => Promise<void>, readerWaitMs = READER_WAIT_MS): AsyncGenerator<T> {
  if (isEmbedded(db)) {
    const batches: T[] = [];
    await withReportTimeout(db, (tx) =>
      produce(tx, async (batch) => {
        batches.push(batch);
      }),
    );
    yield* batches;
    return;
  }
  interface Slot {
    batch: T;
    taken: () => void;
    refused: (error: Error) => void;
  }
  const queue: Slot[] = [];
  let wake: ((slot: Slot | null) => void) | null = null;
  let closed = false;
  let finished = false;
  let failure: unknown;
  /** Hands a slot (null: no more) to a reader waiting for one; false when none is waiting. */
  const handToReader = (slot: Slot | null) => {
    const reader = wake;
    wake = null;
    reader?.(slot);
    return reader !== null;
  };
  const emit = (batch: T) =>
    new Promise<void>((taken, refused) => {
      if (closed) return refused(new Error('the reader stopped'));
      const timer = setTimeout(() => {
        const queued = queue.indexOf(slot);
        if (queued >= 0) queue.splice(queued, 1);
        refused(new Error(`the reader took no batch for ${readerWaitMs / 1000} s`));
      }, readerWaitMs);
      const slot: Slot = {
        batch,
        taken: () => {
          clearTimeout(timer);
          taken();
        },
        refused: (error) => {
          clearTimeout(timer);
          refused(error);
        },
      };
      if (!handToReader(slot)) queue.push(slot);
    });
  const done = withReportTimeout(db, (tx) => produce(tx, emit)).then(
    () => undefined,
    (error: unknown) => {
      failure = error;
    },
  );
  void done.finally(() => {
    finished = true;
    handToReader(null);
  });
  let current: Slot | null = null;
  try {
    for (;;) {
      current = queue.shift() ?? (finished ? null : await new Promise<Slot | null>((resolve) => (wake = resolve)));
      if (!current) break;
      yield current.batch;
      current.taken();
      current = null;
    }
    if (failure) throw failure;
  } finally {
    closed = true;
    for (const slot of [current, ...queue]) slot?.refused(new Error('the reader stopped'));
    await done;
  }
}
