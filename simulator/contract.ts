import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import YAML from "yaml";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { FieldError } from "./errors";
import type { SchemaName } from "./handlers";

// ajv-formats is CommonJS; under tsx/vitest its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

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

let cached: Contract | null = null;

/** Load and compile the document once per process. */
export function loadContract(path = OPENAPI_PATH): Contract {
  if (cached && path === OPENAPI_PATH) return cached;
  const doc = YAML.parse(readFileSync(path, "utf8")) as Json;
  const components = doc.components as Json;
  const strictAjv = new Ajv2020({ strict: false, allErrors: true, discriminator: false });
  // Parameters arrive as strings: coerce to the declared types; "array" lets one ?filter= become a list.
  const paramAjv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: "array" });
  for (const ajv of [strictAjv, paramAjv]) {
    addFormats(ajv);
    ajv.addSchema({ $id: "doc", components: rewriteRefs(components) as Json });
  }
  const compile = (ajv: Ajv2020, schema: unknown): ValidateFunction => ajv.compile(rewriteRefs(schema) as Json);
  const run = (fn: ValidateFunction, value: unknown, prefix = "") =>
    fn(value) ? [] : toFieldErrors(fn.errors, prefix);

  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const params = ((op.parameters as unknown[]) ?? []).map((p) => resolveRef<ParamDef>(doc, p));
      const group = (where: ParamDef["in"]) => {
        const ps = params.filter((p) => p.in === where);
        const properties: Json = {};
        const required: string[] = [];
        for (const p of ps) {
          const name = where === "header" ? p.name.toLowerCase() : p.name;
          properties[name] = p.schema;
          if (p.required) required.push(name);
        }
        return compile(paramAjv, { type: "object", properties, required });
      };
      const vPath = group("path");
      const vQuery = group("query");
      const vHeader = group("header");
      const body = op.requestBody ? resolveRef<Json>(doc, op.requestBody) : null;
      const content = (body?.content ?? {}) as Json;
      const bodyType = Object.keys(content)[0] ?? null;
      const bodySchema = bodyType ? ((content[bodyType] as Json).schema as Json) : null;
      const vBody = bodySchema ? compile(bodyType === "application/json" ? strictAjv : paramAjv, bodySchema) : null;
      const respCache = new Map<number, ValidateFunction | null>();
      const responses = op.responses as Json;
      const security = (op.security as Json[] | undefined) ?? (doc.security as Json[] | undefined) ?? [];
      const apiKeyReq = security.find((s) => "apiKey" in s);
      operations.push({
        operationId: op.operationId as string,
        method,
        path,
        routePath: path.replace(/\{(\w+)\}/g, ":$1"),
        apiKeyScopes: apiKeyReq ? (apiKeyReq.apiKey as string[]) : null,
        security: security.flatMap((s) => Object.keys(s)),
        bodyType,
        bodyRequired: Boolean(body?.required),
        validatePath: (v) => run(vPath, v),
        validateQuery: (v) => run(vQuery, v),
        validateHeaders: (v) => run(vHeader, v),
        validateBody: (v) => (vBody ? run(vBody, v) : []),
        validateResponse(status, value, opts = {}) {
          const key = opts.projected ? -status : status;
          if (!respCache.has(key)) {
            const r = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
            const resolved = r ? resolveRef<Json>(doc, r) : null;
            let schema = ((resolved?.content as Json | undefined)?.["application/json"] as Json | undefined)?.schema as
              Json | undefined;
            // A list asked with `fields` carries only those columns (the document says so): nothing required.
            if (schema && opts.projected && schema.type === "array") {
              const { required: _required, ...item } = resolveRef<Json>(doc, schema.items);
              schema = { type: "array", items: item };
            }
            respCache.set(
              key,
              resolved ? (schema ? compile(strictAjv, schema) : null) : compile(strictAjv, { not: {} }),
            );
          }
          const fn = respCache.get(key);
          if (!fn) return null;
          return run(fn, value);
        },
      });
    }
  }
  const schemaCache = new Map<string, ValidateFunction>();
  const columnCache = new Map<string, Columns>();
  const contract: Contract = {
    doc,
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    validateSchema(name, value) {
      let fn = schemaCache.get(name);
      if (!fn) {
        fn = strictAjv.getSchema(`doc#/components/schemas/${name}`);
        if (!fn) throw new Error(`unknown schema ${name}`);
        schemaCache.set(name, fn);
      }
      return run(fn, value);
    },
    columns(name) {
      let found = columnCache.get(name);
      if (!found) columnCache.set(name, (found = columnsOf(components, name)));
      return found;
    },
  };
  if (path === OPENAPI_PATH) cached = contract;
  return contract;
}
