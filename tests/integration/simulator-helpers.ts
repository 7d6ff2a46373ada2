/**
 * Shared by the simulator's tests: an independent reading of lib/chekt/openapi.yaml (its own ajv,
 * not the simulator's), partner helpers (a token, a partner with a key) and a webhook receiver on a real socket.
 */
import { createHmac, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import YAML from "yaml";
import { clientAssertion } from "../../lib/chekt/token";
import { until } from "../support/until";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document as parsed YAML, walked by path
type Json = Record<string, any>;
export const DOC_PATH = path.resolve(__dirname, "../../lib/chekt/openapi.yaml");
export const doc: Json = YAML.parse(readFileSync(DOC_PATH, "utf8"));

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;
/** Every operation of the document, `operationId → "METHOD /path"`. */
export const allOperations = new Map<string, { method: string; path: string }>();
for (const [p, item] of Object.entries(doc.paths as Json)) {
  for (const m of METHODS) if (item[m]) allOperations.set(item[m].operationId, { method: m, path: p });
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const rewrite = (n: unknown): unknown =>
  Array.isArray(n)
    ? n.map(rewrite)
    : n && typeof n === "object"
      ? Object.fromEntries(
          Object.entries(n).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? `contract${v}` : rewrite(v)]),
        )
      : n;
ajv.addSchema({ $id: "contract", components: rewrite(doc.components) as Json });
const resolve = (n: Json): Json =>
  n && n.$ref
    ? resolve(
        n.$ref
          .replace(/^#\//, "")
          .split("/")
          .reduce((a: Json, k: string) => a[k], doc),
      )
    : n;
const cache = new Map<string, ValidateFunction | null>();

/** What a response must look like: its status is documented and its JSON body matches. */
export function checkResponse(
  method: string,
  template: string,
  status: number,
  body: unknown,
  opts: { projected?: boolean } = {},
): { operationId: string; errors: string[] } {
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) return { operationId: "?", errors: [`${method} ${template} is not in the document`] };
  const key = `${method} ${template} ${status} ${opts.projected ? "projected" : ""}`;
  if (!cache.has(key)) {
    const r = op.responses[String(status)];
    if (!r) {
      cache.set(key, ajv.compile({ not: {}, description: `status ${status} not documented` }));
    } else {
      let schema = resolve(r).content?.["application/json"]?.schema;
      // The document says a list asked with `fields` carries only those columns: same property
      // schemas, nothing required.
      if (schema && opts.projected && schema.type === "array") {
        const { required: _r, ...item } = resolve(schema.items);
        schema = { type: "array", items: item };
      }
      cache.set(key, schema ? ajv.compile(rewrite(schema) as Json) : null);
    }
  }
  const fn = cache.get(key);
  if (!fn) return { operationId: op.operationId, errors: [] };
  const ok = fn(body);
  return {
    operationId: op.operationId,
    errors: ok ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message}`),
  };
}

/** Validate a webhook body against `webhooks[type]` of the document. */
export function checkEvent(type: string, body: unknown): string[] {
  const hook = doc.webhooks?.[type]?.post;
  if (!hook) return [`event type ${type} is not in the document's webhooks`];
  const key = `webhook ${type}`;
  if (!cache.has(key))
    cache.set(key, ajv.compile(rewrite(hook.requestBody.content["application/json"].schema) as Json));
  const fn = cache.get(key)!;
  return fn(body) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message}`);
}

export async function partnerToken(
  base: string,
  clientId = "demo-partner",
  secret = "demo-partner-secret-7f3a9c2e5b1d4f60",
): Promise<string> {
  const res = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function sim(base: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: body !== undefined ? { "content-type": "application/json" } : {},
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/**
 * Registers a partner that proves itself with an RS256 key instead of a secret (RFC 7523) and signs its
 * client assertions as the app does (lib/chekt/token.ts): `assertion()` with its own key, `assertion(other)`
 * with another one.
 */
export async function keyPartner(base: string, name?: string) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const public_key_pem = publicKey.export({ type: "spki", format: "pem" });
  const reg = await sim(base, "POST", "/_sim/partners", { name, client_secret: null, public_key_pem });
  if (reg.status !== 201) throw new Error(`registering a key partner: ${reg.status} ${JSON.stringify(reg.body)}`);
  const clientId: string = reg.body.client_id;
  const tokenUrl = `${base}/oauth/token`;
  return { clientId, assertion: (key: KeyObject = privateKey) => clientAssertion({ clientId, tokenUrl, key }) };
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: Json;
  at: number;
  answered: number;
}

/** A webhook receiver; `answer` decides the status (or `null` = never answer). */
export class Receiver {
  server!: Server;
  url = "";
  received: Received[] = [];
  answer: (r: Received, n: number) => number | null | Promise<number | null> = () => 200;
  private pending = new Set<ServerResponse>();

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const r: Received = { headers: req.headers, raw, body: JSON.parse(raw), at: Date.now(), answered: 0 };
        this.received.push(r);
        const status = await this.answer(r, this.received.length);
        if (status === null) {
          this.pending.add(res);
          return;
        }
        r.answered = status;
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Until `pred` holds; no deadline of its own (until.ts): a loaded machine makes the test slower, not red. */
  async waitFor(pred: (all: Received[]) => boolean) {
    await until(
      () => pred(this.received),
      () => `the receiver's condition (${this.received.length} deliveries so far)`,
    );
  }

  async stop() {
    for (const res of this.pending) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** Independent of the simulator's code: what the documented receiver computes (lib/chekt/openapi.yaml, webhooks). */
export function expectedSignature(secret: string, timestamp: string, raw: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex");
}
