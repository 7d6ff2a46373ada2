import { Ajv2020 } from "ajv/dist/2020.js";
import type { FastifyRequest } from "fastify";
import { API_KEY_PATTERN } from "../lib/chekt/contract-lists";
import { toFieldErrors } from "./contract";
import { SimError } from "./errors";
import type { FromSchema } from "./schema-type";
import { ALL_EVENTS, ALL_SCOPES } from "./seed";
import { PRIORITIES, TRIGGERS } from "./new-alarm";

// The control API's request bodies: one JSON Schema each, which both checks a body and types it.
const ajv = new Ajv2020({ allErrors: true, strict: false });
const str = { type: "string", minLength: 1 } as const;
const id = { type: "integer", minimum: 1 } as const;
const share = { type: "number", minimum: 0, maximum: 1 } as const;
const schemas = {
  reset: { type: "object", properties: { seed: { enum: ["demo", "empty"] } }, additionalProperties: false },
  partner: {
    type: "object",
    properties: {
      name: str,
      client_id: str,
      client_secret: { type: ["string", "null"] },
      public_key_pem: str,
      redirect_uris: { type: "array", items: str },
    },
    additionalProperties: false,
  },
  dealer: {
    type: "object",
    required: ["company_name"],
    properties: {
      company_name: str,
      company_email: str,
      partner_id: id,
      client_id: str,
      external_dealer_id: str,
      admin_email: str,
      admin_password: str,
    },
    additionalProperties: false,
  },
  app: {
    type: "object",
    required: ["dealer_id"],
    additionalProperties: false,
    properties: {
      dealer_id: id,
      name: str,
      mode: { enum: ["live", "test"] },
      api_key: { type: "string", pattern: API_KEY_PATTERN.source },
      signing_secret: str,
      scopes: { type: "array", items: { enum: ALL_SCOPES } },
      events: { type: "array", items: { enum: ALL_EVENTS } },
      webhook_url: { type: ["string", "null"], minLength: 1 },
    },
  },
  appPatch: {
    type: "object",
    additionalProperties: false,
    properties: {
      name: str,
      scopes: { type: "array", items: { enum: ALL_SCOPES } },
      events: { type: "array", items: { enum: ALL_EVENTS } },
      webhook_url: { type: ["string", "null"], minLength: 1 },
    },
  },
  revoke: { type: "object", additionalProperties: false, properties: { key: str } },
  alarm: {
    type: "object",
    required: ["site_id"],
    additionalProperties: false,
    properties: {
      site_id: id,
      device_id: id,
      contact_id: id,
      expires_in_s: { type: "number", exclusiveMinimum: 0 },
      trigger: { enum: [...TRIGGERS] },
      priority: { enum: [...PRIORITIES] },
      description: str,
    },
  },
  resolve: {
    type: "object",
    additionalProperties: false,
    properties: { resolution: { enum: ["handled", "false-positive", "escalated"] }, notes: { type: "string" } },
  },
  status: {
    type: "object",
    additionalProperties: false,
    properties: { status: { enum: ["online", "offline"] }, firmware: str },
  },
  fault: {
    type: "object",
    required: ["path"],
    additionalProperties: false,
    properties: {
      path: str,
      method: str,
      rate_429: share,
      retry_after_s: { type: "integer", minimum: 1, maximum: 3600 },
      rate_5xx: share,
      status_5xx: { type: "integer", minimum: 500, maximum: 599 },
      delay_ms: { type: "integer", minimum: 0, maximum: 120000 },
      drop_rate: share,
      count: { type: "integer", minimum: 1 },
      when: { enum: ["before", "after"] },
    },
  },
  test: { type: "object", additionalProperties: false, properties: { app_id: str, message: { type: "string" } } },
  bulkSites: {
    type: "object",
    required: ["dealer_id", "count"],
    additionalProperties: false,
    properties: {
      dealer_id: id,
      count: { type: "integer", minimum: 1, maximum: 100000 },
      devices_per_site: { type: "integer", minimum: 0, maximum: 50 },
      contacts_per_site: { type: "integer", minimum: 0, maximum: 10 },
    },
  },
  config: {
    type: "object",
    additionalProperties: false,
    properties: {
      tokenTtlS: { type: "number", exclusiveMinimum: 0 },
      rateLimitPerMin: { type: "number", exclusiveMinimum: 0 },
      rateLimitBurstPerS: { type: "number", minimum: 1 },
      webhookRetryScale: { type: "number", exclusiveMinimum: 0 },
      webhookTimeoutMs: { type: "integer", minimum: 1 },
      maxBulk: { type: "integer", minimum: 1 },
      verificationTtlS: { type: "number", exclusiveMinimum: 0 },
      authCodeTtlS: { type: "number", exclusiveMinimum: 0 },
      keyGraceS: { type: "number", minimum: 0 },
      idempotencyTtlS: { type: "number", exclusiveMinimum: 0 },
      errorShape: { enum: ["envelope", "nest"] },
    },
  },
} as const;
const validators = Object.fromEntries(Object.entries(schemas).map(([k, s]) => [k, ajv.compile(s)])) as Record<
  keyof typeof schemas,
  ReturnType<typeof ajv.compile>
>;

/** A control body's type, read from its schema. */
export type ControlBody<K extends keyof typeof schemas> = FromSchema<(typeof schemas)[K]>;

/** The request's body once its schema has passed it, typed from that schema. */
export function body<K extends keyof typeof schemas>(req: FastifyRequest, schema: K): ControlBody<K> {
  const b = req.body ?? {};
  const v = validators[schema];
  if (!v(b)) throw SimError.validation(toFieldErrors(v.errors));
  return b as ControlBody<K>;
}
