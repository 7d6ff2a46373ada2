import type { LooseInit } from "./loose-api";
import type { Send } from "./client-send";
import type { CallOptions, ChektArgs, ChektClient, ChektData, ChektPath, ChektResult, HttpMethod } from "./client";

type ChektMethods = Pick<ChektClient, "request" | "get" | "post" | "put" | "patch" | "delete">;

/** The client's typed methods over one untyped `send` (client-send.ts). */
export function methodTable(send: Send): ChektMethods {
  // The overload is the one place the document's types meet the untyped insides: no body can show
  // that CHeKT's answer to a run-time path is `ChektData<M, P>` (a conditional type TypeScript does
  // not resolve for generic M and P), so callers are checked against this signature and the body
  // against the second, which the compiler checks is compatible with it.
  function request<M extends HttpMethod, P extends ChektPath<M>>(
    method: M,
    path: P,
    ...args: ChektArgs<M, P>
  ): Promise<ChektResult<ChektData<M, P>>>;
  function request(method: HttpMethod, path: string, init?: LooseInit, opts?: CallOptions) {
    return send(method, path, init, opts);
  }
  return {
    request,
    get: (path, ...args) => request("get", path, ...args),
    post: (path, ...args) => request("post", path, ...args),
    put: (path, ...args) => request("put", path, ...args),
    patch: (path, ...args) => request("patch", path, ...args),
    delete: (path, ...args) => request("delete", path, ...args),
  };
}
