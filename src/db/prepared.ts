/**
 * Hot reads built once. Building a drizzle query costs 130–180 µs of CPU each time — more than
 * PostgreSQL takes to answer a loader's batch, and a quarter of an asset detail's CPU. A read
 * declared here is built once per server with placeholders (`sql.placeholder`), labelled with
 * its name, and then only executed; inside a transaction it is built on the spot, on the
 * transaction.
 */
import { handleOf, type Db } from './client';
import { labelled, type Executable } from './queries';

export function preparedRead<P extends Record<string, unknown>, R>(name: string, build: (db: Db) => { prepare(name: string): Executable<R> }): (db: Db, params: P) => Promise<R> {
  const built = new WeakMap<Db, Executable<R>>();
  return (db, params) => {
    const handle = handleOf(db);
    if (!handle) return labelled(name, build(db)).execute(params);
    let query = built.get(handle.shared);
    if (!query) built.set(handle.shared, (query = labelled(name, build(handle.shared))));
    // It runs on the shared handle, whose logger does not know the request: count it here.
    if (handle.counter) handle.counter.statements += 1;
    return query.execute(params);
  };
}
