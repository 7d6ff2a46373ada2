// Operation handlers, typed per operationId by the types generated from lib/chekt/openapi.yaml
// (lib/chekt/schema.d.ts). A handler's path parameters, query, body and answer are the document's, so a
// change to the document that a handler does not follow fails `tsc`, and `Handlers` must name every
// operation: a missing one is a compile error, not a 500 at run time.
import type { FastifyRequest } from "fastify";
import type { components, operations } from "../lib/chekt/schema";
import { SimError, type FieldError } from "./errors";
import type { Operation } from "./contract";
import type { Auth, Sim } from "./sim";

/** Operations the server answers; `webhook_*` are the document's outgoing webhooks (sent, not served). */
export type OperationId = Exclude<keyof operations, `webhook_${string}`>;
export type Schemas = components["schemas"];
export type SchemaName = keyof Schemas;

type Part<K extends OperationId, Where extends "path" | "query"> = NonNullable<operations[K]["parameters"][Where]>;
/** `never` (the document has none) reads as an empty object. */
type OrEmpty<T> = [T] extends [never] ? Record<string, never> : T;
type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** These operations read their own input (form posts, an HTML page's query) and answer with HTML. */
export type SelfValidating = "issueToken" | "authorize" | "approveAuthorization";
/** Bulk bodies are checked item by item (a bad item is a failed result, not a 400). */
export type ItemWise = "bulkCreateDevices" | "bulkUpdateDevices";

/** Path parameters after validation: coerced to the document's types (ids are numbers). */
export type PathOf<K extends OperationId> = OrEmpty<Part<K, "path">>;
export type QueryOf<K extends OperationId> = K extends SelfValidating
  ? Record<string, unknown>
  : OrEmpty<Part<K, "query">>;
export type BodyOf<K extends OperationId> = K extends SelfValidating
  ? unknown
  : K extends ItemWise
    ? unknown[]
    : ContentOf<operations[K]["requestBody"]>;

type Responses<K extends OperationId> = operations[K]["responses"];
type Success<K extends OperationId> = Extract<keyof Responses<K>, 200 | 201 | 202 | 204 | 302>;
/** JSON bodies the document allows for the operation's success answers. */
export type ResponseOf<K extends OperationId> = {
  [S in Success<K>]: Responses<K>[S] extends { content: { "application/json": infer B } } ? B : never;
}[Success<K>];
/** A list asked with `fields` carries only those columns (the document says so). */
type Projected<B> = B extends (infer Item)[] ? Partial<Item>[] : never;

export interface Answer<K extends OperationId = OperationId> {
  status: number;
  body?: ResponseOf<K> | Projected<ResponseOf<K>>;
  headers?: Record<string, string>;
  /** Non-JSON answers (HTML page, PNG). */
  raw?: { contentType: string; data: string | Buffer };
}

/** What every handler gets besides its operation's input. */
export interface BaseCtx {
  sim: Sim;
  op: Operation;
  auth: Auth;
  req: FastifyRequest;
  /** scheme://host the caller used, for URLs we hand out. */
  origin: string;
}

export interface Ctx<K extends OperationId> extends BaseCtx {
  params: PathOf<K>;
  query: QueryOf<K>;
  body: BodyOf<K>;
}

export type Handler<K extends OperationId> = (ctx: Ctx<K>) => Answer<K> | Promise<Answer<K>>;
export type Handlers = { [K in OperationId]: Handler<K> };

/** One module's handlers, each checked against the operation its key names. */
export function defineHandlers<H extends Partial<Handlers>>(
  handlers: H & { [K in Exclude<keyof H, OperationId>]: never },
): H {
  return handlers;
}

/** Input as the server received it, before the document's checks. */
export interface RawInput {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * Input that passed the operation's checks (contract.ts validates path, query and body with the same
 * document the types come from, coercing path and query to the declared types in place), seen with
 * the operation's types. The one place where checked input becomes typed input.
 */
function checkedInput<K extends OperationId>(_id: K, input: RawInput): Pick<Ctx<K>, "params" | "query" | "body"> {
  return input as Pick<Ctx<K>, "params" | "query" | "body">;
}

/** Run the handler the document's operationId names. */
export function runHandler<K extends OperationId>(handlers: Handlers, id: K, base: BaseCtx, input: RawInput) {
  const handler: Handler<K> = handlers[id];
  return handler({ ...base, ...checkedInput(id, input) });
}

export function isOperationId(handlers: Handlers, id: string): id is OperationId {
  return Object.hasOwn(handlers, id);
}

/** Throws the 400 for a value that is not the named schema; afterwards the value has the schema's type. */
export function assertSchema<N extends SchemaName>(sim: Sim, name: N, value: unknown): asserts value is Schemas[N] {
  const errors = sim.contract.validateSchema(name, value);
  if (errors.length) throw SimError.validation(errors);
}

/** Whether the value is the named schema; its field errors are added to `errors` when not. */
export function isSchema<N extends SchemaName>(
  sim: Sim,
  name: N,
  value: unknown,
  errors: FieldError[],
): value is Schemas[N] {
  const found = sim.contract.validateSchema(name, value);
  errors.push(...found);
  return found.length === 0;
}
