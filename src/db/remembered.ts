import { LRUCache } from 'lru-cache';
import { handleOf, type Db } from './client';

/**
 * Answers a process remembers between requests, per database (the server's shared handle behind
 * a request's) and per question. Each answer is kept with what it was worked out from, and the
 * caller checks that against the database before using it: what is remembered saves work, it
 * never answers on its own. The least recently asked are forgotten past `capacity`, each answer
 * weighing `weigh` of it (1 unless given).
 */
export interface Remembered<V> {
  recall(db: Db, question: string): V | undefined;
  keep(db: Db, question: string, answer: V): void;
}

export function remembered<V extends object>(capacity: number, weigh?: (answer: V) => number): Remembered<V> {
  const perDatabase = new WeakMap<Db, LRUCache<string, V>>();
  // Only a server's handles (a request's, or the shared one): inside a transaction an answer may
  // hold writes not yet committed, which no one else may be told.
  const of = (db: Db) => {
    const shared = handleOf(db)?.shared;
    if (!shared) return undefined;
    let answers = perDatabase.get(shared);
    if (!answers) perDatabase.set(shared, (answers = new LRUCache<string, V>(weigh ? { maxSize: capacity, sizeCalculation: (answer) => Math.max(1, weigh(answer)) } : { max: capacity })));
    return answers;
  };
  return {
    recall: (db, question) => of(db)?.get(question),
    keep: (db, question, answer) => void of(db)?.set(question, answer),
  };
}
