import createClient, { type Client } from "openapi-fetch";

/**
 * openapi-fetch over "any path, any operation": what the client's insides send, where the path is a
 * run-time string. Callers never see it; they are checked against the document's `paths` by the
 * signatures in client.ts (client-methods.ts is where the two meet).
 */

/** The init any operation accepts. */
export type LooseInit = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
};

type LooseOperation = {
  parameters: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, unknown>;
    cookie?: Record<string, unknown>;
  };
  requestBody?: { content: { [media: string]: unknown } };
  responses: { 200: { content: { [media: string]: unknown } }; default: { content: { [media: string]: unknown } } };
};
type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type LoosePaths = { [path: string]: Record<Method, LooseOperation> };

export type LooseApi = Client<LoosePaths>;

export function looseApi(baseUrl: string): LooseApi {
  return createClient<LoosePaths>({ baseUrl });
}
