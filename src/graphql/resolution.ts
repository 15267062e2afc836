/**
 * How the schema's fields are resolved, cheaper than type-graphql builds them and in the form
 * compiled execution (executor.ts) needs. `beforeBuild` runs before type-graphql builds the
 * schema, `afterBuild` on the schema it built. What each step bought is in the README's
 * performance section.
 */
import { defaultFieldResolver, getNamedType, isLeafType, isObjectType, type GraphQLFieldResolver, type GraphQLInterfaceType, type GraphQLSchema } from 'graphql';
import type { ContainerType } from 'type-graphql';

/** type-graphql's registry (not exported: it lives on the global object), as far as we read it. */
interface FieldMetadata {
  name: string;
  schemaName: string;
  simple?: boolean;
  middlewares?: unknown[];
  roles?: unknown[];
}
interface ParamMetadata {
  kind: string;
  index: number;
  /** An argument's name. */
  name?: string;
  propertyName?: string;
  getType?: () => unknown;
  validateSettings?: unknown;
  validateFn?: unknown;
}
interface FieldResolverMetadata {
  kind: 'internal' | 'external';
  target: new () => object;
  methodName: string;
  schemaName: string;
  params?: ParamMetadata[];
  middlewares?: unknown[];
  roles?: unknown[];
  getObjectType?: () => unknown;
}
interface ObjectTypeMetadata {
  name: string;
  target: unknown;
}
declare const TypeGraphQLMetadataStorage: { fields: FieldMetadata[]; fieldResolvers: FieldResolverMetadata[]; objectTypes: ObjectTypeMetadata[] };

/** One instance of each resolver class, for type-graphql (`buildSchema`'s container) and for the fields called directly. */
const instances = new Map<Function, object>();
export const resolverInstances: ContainerType = {
  get(someClass: new () => object) {
    let instance = instances.get(someClass);
    if (!instance) instances.set(someClass, (instance = new someClass()));
    return instance;
  },
};

export function beforeBuild(): void {
  plainFieldsResolveDirectly();
}

export function afterBuild(schema: GraphQLSchema): void {
  assertNoGuardSkipped();
  fieldResolversCalledDirectly(schema);
  nodesResolveTheirTypeAtOnce(schema);
  objectFieldsAwaitTheirValue(schema);
}

/**
 * Plain fields read the property with graphql-js's default resolver. type-graphql otherwise
 * wraps each one in a resolver that runs its middleware chain (we have none, nor @Authorized)
 * and allocates per field and row: a page of 50 assets reads a few thousand of them. A field
 * named apart from its property (`originalValue` from `originalValueFen`) keeps type-graphql's.
 */
function plainFieldsResolveDirectly(): void {
  for (const field of TypeGraphQLMetadataStorage.fields) if (field.name === field.schemaName) field.simple ??= true;
}

/** type-graphql attaches roles and middleware while it builds: a field given either must not have been made plain. */
function assertNoGuardSkipped(): void {
  const guarded = TypeGraphQLMetadataStorage.fields.filter((f) => f.simple && (f.middlewares?.length || f.roles?.length));
  if (guarded.length) throw new Error(`Fields with middleware or @Authorized resolve directly, without them: ${guarded.map((f) => f.name).join(', ')} (graphql/resolution.ts)`);
}

/** What a field resolver's parameter takes from graphql-js's (source, args, context, info). */
type Pick = (root: Record<string, unknown>, args: Record<string, unknown>, context: Record<string, unknown>, info: unknown) => unknown;

function pickOf(param: ParamMetadata): Pick | undefined {
  const property = param.propertyName;
  if (param.kind === 'root') {
    // A root typed as a class is converted to an instance of it by type-graphql; ours are rows (Object).
    const type = param.getType?.();
    if (type !== undefined && type !== Object) return undefined;
    return property ? (root) => root[property] : (root) => root;
  }
  if (param.kind === 'context') return property ? (_root, _args, context) => context[property] : (_root, _args, context) => context;
  if (param.kind === 'info') return (_root, _args, _context, info) => info;
  // A scalar or enum argument passes as it is; an input object type-graphql makes an instance of its class.
  const name = param.name;
  if (param.kind === 'arg' && name && param.validateSettings === undefined && param.validateFn === undefined && !isClass(param.getType?.())) return (_root, args) => args[name];
  return undefined;
}

function isClass(type: unknown): boolean {
  return typeof type === 'function' && ![String, Number, Boolean].includes(type as StringConstructor);
}

/**
 * A field resolver of a resolver class (`@FieldResolver() region(@Ctx() ctx, @Root() asset)`)
 * is called as the method itself. type-graphql's wrapper sorted the parameters' metadata and
 * built an object of the call's data on every call — a fifth of everything an asset page
 * allocated. A scalar or enum argument is passed as graphql-js coerced it; fields taking input
 * objects or page arguments keep the wrapper (it makes instances of their classes), and so
 * would a field with middleware or roles (we have none).
 */
function fieldResolversCalledDirectly(schema: GraphQLSchema): void {
  for (const resolver of TypeGraphQLMetadataStorage.fieldResolvers) {
    if (resolver.kind !== 'external' || resolver.middlewares?.length || resolver.roles?.length) continue;
    const typeName = TypeGraphQLMetadataStorage.objectTypes.find((t) => t.target === resolver.getObjectType?.())?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[resolver.schemaName] : undefined;
    const picks = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index).map(pickOf);
    if (!field?.resolve || picks.some((p) => !p)) continue;
    const instance = resolverInstances.get(resolver.target, undefined as never) as Record<string, (...args: unknown[]) => unknown>;
    field.resolve = directCall(instance, resolver.methodName, picks as Pick[]);
  }
}

function directCall(instance: Record<string, (...args: unknown[]) => unknown>, method: string, picks: Pick[]): GraphQLFieldResolver<Record<string, unknown>, Record<string, unknown>> {
  const call = instance[method]!;
  const [first, second, third] = picks;
  switch (picks.length) {
    case 0:
      return () => call.call(instance);
    case 1:
      return (root, args, context, info) => call.call(instance, first!(root, args, context, info));
    case 2:
      return (root, args, context, info) => call.call(instance, first!(root, args, context, info), second!(root, args, context, info));
    case 3:
      return (root, args, context, info) => call.call(instance, first!(root, args, context, info), second!(root, args, context, info), third!(root, args, context, info));
    default:
      return (root, args, context, info) =>
        call.apply(
          instance,
          picks.map((pick) => pick(root, args, context, info)),
        );
  }
}

/**
 * A node names its own type (`__typename`, node.ts). type-graphql would wrap any resolveType in
 * an async function (or test `instanceof` against its classes, which our rows are not), and
 * compiled execution (executor.ts) needs the type at once: it reads a promise as no type.
 */
function nodesResolveTheirTypeAtOnce(schema: GraphQLSchema): void {
  (schema.getType('Node') as GraphQLInterfaceType).resolveType = (value: { __typename?: string }) => value.__typename;
}

/**
 * A plain field whose type is an object or a list may hold a loader's promise (a payload's
 * `asset`). Compiled execution (executor.ts) reads a field without a resolver as a value and
 * would not wait for it, so those fields get graphql-js's default resolver, whose promise it
 * awaits. Leaf fields (scalars, enums) stay plain reads: they are the thousands of reads a page
 * makes, and none holds a promise (the lazy `totalCount` has its resolver, relay.ts).
 */
function objectFieldsAwaitTheirValue(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (!field.resolve && !isLeafType(getNamedType(field.type))) field.resolve = defaultFieldResolver;
  }
}
