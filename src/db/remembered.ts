import { handleOf, type Db } from './client';

/**
 * Answers a process remembers between requests, per database (the server's shared handle behind
 * a request's) and per question. Each answer is kept with what it was worked out from, and the
 * caller checks that against the database before using it: what is remembered saves work, it
 * never answers on its own. The most recently asked are kept longest; past `capacity` (each
 * answer weighing `weigh` of it, 1 unless given) the least recently asked are forgotten.
 */
export interface Remembered<V> {
  recall(db: Db, question: string): V | undefined;
  keep(db: Db, question: string, answer: V): void;
}

export function remembered<V>(capacity: number, weigh: (answer: V) => number = () => 1): Remembered<V> {
  const perDatabase = new WeakMap<Db, { answers: Map<string, V>; weight: number }>();
  const of = (db: Db) => {
    const shared = handleOf(db)?.shared ?? db;
    let memory = perDatabase.get(shared);
    if (!memory) perDatabase.set(shared, (memory = { answers: new Map(), weight: 0 }));
    return memory;
  };
  return {
    recall(db, question) {
      const { answers } = of(db);
      const answer = answers.get(question);
      if (answer !== undefined) {
        // Asked again: a Map iterates in insertion order, so re-inserting makes it the newest.
        answers.delete(question);
        answers.set(question, answer);
      }
      return answer;
    },
    keep(db, question, answer) {
      const memory = of(db);
      const before = memory.answers.get(question);
      if (before !== undefined) {
        memory.answers.delete(question);
        memory.weight -= weigh(before);
      }
      memory.answers.set(question, answer);
      memory.weight += weigh(answer);
      while (memory.weight > capacity && memory.answers.size > 1) {
        const [oldest, forgotten] = memory.answers.entries().next().value!;
        memory.answers.delete(oldest);
        memory.weight -= weigh(forgotten);
      }
    },
  };
}
