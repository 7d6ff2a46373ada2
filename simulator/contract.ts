import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import YAML from "yaml";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { FieldError } from "./errors";
import type { SchemaName } from "./handlers";

/** The one document both sides are derived from. */
export const OPENAPI_PATH = resolve(dirname(fileURLToPath(import.meta.url)), "../lib/chekt/openapi.yaml");

type Json = Record<string, unknown>;
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI template, e.g. /partner/v1/dealers/{dealerId}. */
  path: string;
  /** Fastify template, e.g. /partner/v1/dealers/:dealerId. */
  routePath: string;
  /** Scopes an API key needs (from `security: [{apiKey: [...]}]`). */
  apiKeyScopes: string[] | null;
  /** Security scheme names the operation accepts (empty = none needed). */
  security: string[];
  /** The content type of the request body when the operation takes one. */
  bodyType: string | null;
  bodyRequired: boolean;
  validatePath(input: Json): FieldError[];
  validateQuery(input: Json): FieldError[];
  validateHeaders(input: Json): FieldError[];
  validateBody(input: unknown): FieldError[];
  /** The parsed JSON response schema for a status, compiled lazily. */
  validateResponse(status: number, body: unknown, opts?: { projected?: boolean }): FieldError[] | null;
}

export interface Contract {
  doc: Json;
  operations: Operation[];
  byId: Map<string, Operation>;
  /** Validates any value against `#/components/schemas/<name>`. */
  validateSchema(name: SchemaName, value: unknown): FieldError[];
  /**
   * A row schema's properties in the document's order (a list's columns and its answer's key order), and
   * those typed integer or number (the ones a list filters and sorts as numbers).
   */
  columns(name: SchemaName): Columns;
}

export interface Columns {
  all: string[];
  numeric: string[];
}

/** The columns of `#/components/schemas/<name>` (an object schema; no properties, no columns). */
function columnsOf(components: Json, name: string): Columns {
  const schema = (components.schemas as Json)[name] as Json | undefined;
  if (!schema) throw new Error(`unknown schema ${name}`);
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  const isNumeric = (p: Json) => [p.type].flat().some((t) => t === "integer" || t === "number");
  return {
    all: properties.map(([key]) => key),
    numeric: properties.filter(([, p]) => isNumeric(p)).map(([key]) => key),
  };
}

/** Turn ajv's errors into one message per field, phrased for a person filling in a form. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix = ""): FieldError[] {
  const out = new Map<string, string>();
  for (const e of errors ?? []) {
    // oneOf/anyOf/if summaries repeat what their branches already said.
    if (e.keyword === "oneOf" || e.keyword === "anyOf" || e.keyword === "if") continue;
    let field = e.instancePath
      .split("/")
      .slice(1)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .join(".");
    let message: string;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case "required":
        field = field ? `${field}.${String(p.missingProperty)}` : String(p.missingProperty);
        message = `${field} is required`;
        break;
      case "additionalProperties":
        field = field ? `${field}.${String(p.additionalProperty)}` : String(p.additionalProperty);
        message = `${field} is not an allowed field`;
        break;
      case "minLength":
        message =
          p.limit === 1
            ? `${field || "value"} must not be empty`
            : `${field || "value"} must be at least ${String(p.limit)} characters`;
        break;
      case "maxLength":
        message = `${field || "value"} must be at most ${String(p.limit)} characters`;
        break;
      case "type":
        message = `${field || "body"} must be ${String(p.type).replace(",", " or ")}`;
        break;
      case "enum":
        message = `${field || "value"} must be one of ${(p.allowedValues as unknown[]).map(String).join(", ")}`;
        break;
      case "const":
        message = `${field || "value"} must be ${String(p.allowedValue)}`;
        break;
      case "format":
        message = `${field || "value"} must be a valid ${String(p.format)}`;
        break;
      case "minimum":
      case "maximum":
        message = `${field || "value"} must be ${e.keyword === "minimum" ? ">=" : "<="} ${String(p.limit)}`;
        break;
      case "minItems":
        message = `${field || "body"} must have at least ${String(p.limit)} item(s)`;
        break;
      case "pattern":
        message = `${field || "value"} has an invalid format`;
        break;
      default:
        message = `${field || "value"} ${e.message ?? "is invalid"}`;
    }
    const key = prefix && field ? `${prefix}.${field}` : prefix || field;
    if (!out.has(key)) out.set(key, prefix ? message.replace(field, key) : message);
  }
  return [...out].map(([field, message]) => ({ field, message }));
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `doc${v}` : rewriteRefs(v);
    }
    return out;
  }
  return node;
}

function resolveRef<T>(doc: Json, node: unknown): T {
  let cur = node as Json;
  while (cur && typeof cur.$ref === "string") {
    const parts = (cur.$ref as string).replace(/^#\//, "").split("/");
    cur = parts.reduce<Json>((acc, p) => acc[p.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, doc);
  }
  return cur as T;
}

interface ParamDef {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: Json;
}

/** The document's two validators and how a check's failures become field errors. */
interface Compiler {
  doc: Json;
  /** Bodies and answers, checked as they are. */
  strictAjv: Ajv2020;
  /** Parameters arrive as strings: coerced to the declared types; "array" lets one ?filter= become a list. */
  paramAjv: Ajv2020;
  compile(ajv: Ajv2020, schema: unknown): ValidateFunction;
  run(fn: ValidateFunction, value: unknown, prefix?: string): FieldError[];
}

function compiler(doc: Json): Compiler {
  const strictAjv = new Ajv2020({ strict: false, allErrors: true, discriminator: false });
  const paramAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: "array" });
  for (const ajv of [strictAjv, paramAjv]) {
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: rewriteRefs(doc.components) as Json });
  }
  return {
    doc,
    strictAjv,
    paramAjv,
    compile: (ajv, schema) => ajv.compile(rewriteRefs(schema) as Json),
    run: (fn, value, prefix = "") => (fn(value) ? [] : toFieldErrors(fn.errors, prefix)),
  };
}

/** One object schema for the operation's parameters in one place (header names lower-cased, as Node has them). */
function paramValidator(c: Compiler, params: ParamDef[], where: ParamDef["in"]): ValidateFunction {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of params.filter((x) => x.in === where)) {
    const name = where === "header" ? p.name.toLowerCase() : p.name;
    properties[name] = p.schema;
    if (p.required) required.push(name);
  }
  return c.compile(c.paramAjv, { type: "object", properties, required });
}

/**
 * Checks an answer against the document's response for its status (or its `4XX`-style range, or `default`),
 * compiled on first use. A status the document does not list fails; one without a JSON schema is not checked.
 */
function responseValidator(c: Compiler, responses: Json): Operation["validateResponse"] {
  const respCache = new Map<number, ValidateFunction | null>();
  return (status, value, opts = {}) => {
    const key = opts.projected ? -status : status;
    if (!respCache.has(key)) {
      const r = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
      const resolved = r ? resolveRef<Json>(c.doc, r) : null;
      let schema = ((resolved?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema as
        Json | undefined;
      // A list asked with `fields` carries only those columns (the document says so): nothing required.
      if (schema && opts.projected && schema.type === "array") {
        const { required: _required, ...item } = resolveRef<Json>(c.doc, schema.items);
        schema = { type: "array", items: item };
      }
      respCache.set(
        key,
        resolved ? (schema ? c.compile(c.strictAjv, schema) : null) : c.compile(c.strictAjv, { not: {} }),
      );
    }
    const fn = respCache.get(key);
    if (!fn) return null;
    return c.run(fn, value);
  };
}

/** One operation of the document: its route, security and compiled checks. */
function toOperation(c: Compiler, path: string, method: HttpMethod, op: Json): Operation {
  const { doc } = c;
  const params = ((op.parameters as unknown[]) ?? []).map((p) => resolveRef<ParamDef>(doc, p));
  const vPath = paramValidator(c, params, "path");
  const vQuery = paramValidator(c, params, "query");
  const vHeader = paramValidator(c, params, "header");
  const body = op.requestBody ? resolveRef<Json>(doc, op.requestBody) : null;
  const content = (body?.content ?? {}) as Json;
  const bodyType = Object.keys(content)[0] ?? null;
  const bodySchema = bodyType ? ((content[bodyType] as Json).schema as Json) : null;
  const vBody = bodySchema ? c.compile(bodyType === "application/json" ? c.strictAjv : c.paramAjv, bodySchema) : null;
  const security = (op.security as Json[] | undefined) ?? (doc.security as Json[] | undefined) ?? [];
  const apiKeyReq = security.find((s) => "apiKey" in s);
  return {
    operationId: op.operationId as string,
    method,
    path,
    routePath: path.replace(/\{(\w+)\}/g, ":$1"),
    apiKeyScopes: apiKeyReq ? (apiKeyReq.apiKey as string[]) : null,
    security: security.flatMap((s) => Object.keys(s)),
    bodyType,
    bodyRequired: Boolean(body?.required),
    validatePath: (v) => c.run(vPath, v),
    validateQuery: (v) => c.run(vQuery, v),
    validateHeaders: (v) => c.run(vHeader, v),
    validateBody: (v) => (vBody ? c.run(vBody, v) : []),
    validateResponse: responseValidator(c, op.responses as Json),
  };
}

/** Named schemas of the document: checks and columns, each looked up once. */
function schemaLookups(c: Compiler): Pick<Contract, "validateSchema" | "columns"> {
  const schemaCache = new Map<string, ValidateFunction>();
  const columnCache = new Map<string, Columns>();
  return {
    validateSchema(name, value) {
      let fn = schemaCache.get(name);
      if (!fn) {
        fn = c.strictAjv.getSchema(`doc#/components/schemas/${name}`);
        if (!fn) throw new Error(`unknown schema ${name}`);
        schemaCache.set(name, fn);
      }
      return c.run(fn, value);
    },
    columns(name) {
      let found = columnCache.get(name);
      if (!found) columnCache.set(name, (found = columnsOf(c.doc.components as Json, name)));
      return found;
    },
  };
}

let cached: Contract | null = null;

/** Load and compile the document once per process. */
export function loadContract(path = OPENAPI_PATH): Contract {
  if (cached && path === OPENAPI_PATH) return cached;
  const doc = YAML.parse(readFileSync(path, "utf8")) as Json;
  const c = compiler(doc);
  const operations: Operation[] = [];
  for (const [opPath, item] of Object.entries(doc.paths as Json)) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const op = (item as Json)[method] as Json | undefined;
      if (op) operations.push(toOperation(c, opPath, method, op));
    }
  }
  const contract: Contract = {
    doc,
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    ...schemaLookups(c),
  };
  if (path === OPENAPI_PATH) cached = contract;
  return contract;
}
