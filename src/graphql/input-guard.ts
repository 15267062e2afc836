/**
 * The first bound on every text a client sends, before any resolver runs: no control
 * characters (PostgreSQL refuses NUL in text, and no register field has a use for the others),
 * no broken Unicode (a lone surrogate), and no text longer than any field accepts. Each field's own limit (a name's 200 characters, a
 * search's 200) is checked by its service; this guard is what keeps the class of "a string
 * reached SQL unchecked" closed for fields added later.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';

/** Longer than any text field of the API (the longest, a note or description, takes 2,000). */
export const MAX_INPUT_TEXT = 10_000;

/** C0 controls but tab, line feed and carriage return; DEL; and the C1 controls (U+0080–U+009F, NEL among them). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Deeper than any input of the schema nests (a plan's lines' beneficiaries are four levels down). */
export const MAX_INPUT_DEPTH = 20;
/** Half of a UTF-16 surrogate pair on its own: no character at all, and not storable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemOf(text: string): string | null {
  if (text.length > MAX_INPUT_TEXT) return `is longer than ${MAX_INPUT_TEXT} characters`;
  if (CONTROL.test(text)) return 'contains a control character';
  if (LONE_SURROGATE.test(text)) return 'contains an invalid character (half of a UTF-16 surrogate pair)';
  return null;
}

function refuse(path: (string | number)[], problem: string): never {
  throw new GraphQLError(`${path.join('.')} ${problem}`, { extensions: { code: 'BAD_USER_INPUT', field: path.map(String), http: { status: 400 } } });
}

function checkValue(value: unknown, path: (string | number)[], depth = 0): void {
  // Checked before recursing: variables nested thousands deep would overflow the stack (a 500).
  if (depth > MAX_INPUT_DEPTH) refuse(path.slice(0, 3), `nests deeper than ${MAX_INPUT_DEPTH} levels`);
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) refuse(path, problem);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkValue(v, [...path, i], depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const problem = problemOf(key);
      if (problem) refuse([...path, '(key)'], problem);
      checkValue(v, [...path, key], depth + 1);
    }
  }
}

/** Every string literal of the document, with the argument path it sits under. */
function checkDocument(document: DocumentNode): void {
  const path: string[] = [];
  visit(document, {
    enter(node: ASTNode) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) path.push(node.name.value);
      if (node.kind === Kind.STRING) {
        const problem = problemOf(node.value);
        if (problem) refuse(path.length ? [...path] : ['query'], problem);
      }
    },
    leave(node: ASTNode) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) path.pop();
    },
  });
}

/** Apollo caches parsed documents: a document's literals are checked once. */
const checkedDocuments = new WeakSet<DocumentNode>();

export const inputGuardPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        if (request.variables) checkValue(request.variables, ['variables']);
        if (!checkedDocuments.has(document)) {
          checkDocument(document);
          checkedDocuments.add(document);
        }
      },
    };
  },
};
