/** Per-request context: who asks, in which language, the clock, the database, and the request's DataLoaders. */
import type { Viewer } from '../auth/viewer';
import type { Clock } from '../clock';
import type { Db } from '../db/client';
import type { PersonalDataCipher } from '../modules/parties/personal-data';
import type { Locale } from './user-errors';

/** What the services need besides the viewer and a transaction: built once per server. */
export interface Deps {
  db: Db;
  cipher: PersonalDataCipher;
  clock: Clock;
}

/**
 * Builds one loader for a request (or for a transaction: loaders made on a transaction read
 * inside it); `loaders` lets a batch that joins related rows prime their loaders.
 */
export type LoaderFactory<T> = (viewer: Viewer, db: Db, loaders: Loaders) => T;

/** One instance of each loader per request (or transaction), created on first use. */
export class Loaders {
  private readonly made = new Map<LoaderFactory<unknown>, unknown>();

  constructor(
    private readonly viewer: Viewer,
    private readonly db: Db,
  ) {}

  get<T>(factory: LoaderFactory<T>): T {
    let loader = this.made.get(factory) as T | undefined;
    if (!loader) {
      loader = factory(this.viewer, this.db, this);
      this.made.set(factory, loader);
    }
    return loader;
  }
}

export interface Context extends Deps {
  viewer: Viewer;
  loaders: Loaders;
  locale: Locale;
}

export function createContext(deps: Deps, viewer: Viewer, locale: Locale): Context {
  return { ...deps, viewer, locale, loaders: new Loaders(viewer, deps.db) };
}
