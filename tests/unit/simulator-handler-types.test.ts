// The simulator's handler types are checked by `tsc` (the typecheck stage of npm test): each
// `@ts-expect-error` below must stay an error, so a loosening of simulator/handlers.ts fails the build.
// The runtime half checks the registry the server dispatches through.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Answer, BodyOf, Handler, Handlers, PathOf, QueryOf, Schemas } from "../../simulator/handlers";
import { isOperationId } from "../../simulator/handlers";
import { oauthHandlers } from "../../simulator/oauth";
import { partnerHandlers } from "../../simulator/partner";
import { v1Handlers } from "../../simulator/v1";
import { loadContract } from "../../simulator/contract";

describe("simulator handler types", () => {
  it("give each operation the document's path, query and body types", () => {
    expectTypeOf<PathOf<"getSite">>().toEqualTypeOf<{ dealerId: number; siteId: number }>();
    expectTypeOf<BodyOf<"createSite">>().toEqualTypeOf<Schemas["CreateSiteDto"]>();
    expectTypeOf<QueryOf<"listSites">["filter"]>().toEqualTypeOf<string[] | undefined>();
    // Bulk bodies are checked item by item, OAuth forms by their handlers: not typed before that.
    expectTypeOf<BodyOf<"bulkCreateDevices">>().toEqualTypeOf<unknown[]>();
    expectTypeOf<BodyOf<"issueToken">>().toEqualTypeOf<unknown>();
  });

  it("refuse an answer the document does not allow, a missing handler and an unknown operation", () => {
    // @ts-expect-error dealer_id is a number in ResponseDealerDto
    const wrongBody: Answer<"getDealer"> = { status: 200, body: { dealer_id: "1" } };
    // @ts-expect-error every operation of the document needs a handler
    const missing: Handlers = { ...oauthHandlers, ...v1Handlers };
    // @ts-expect-error there is no operation of that name
    const unknown: Handler<"getDealers"> = () => ({ status: 200 });
    expect([wrongBody, missing, unknown]).toHaveLength(3);
  });

  it("register exactly the document's operations", () => {
    const handlers: Handlers = { ...oauthHandlers, ...partnerHandlers, ...v1Handlers };
    const ids = loadContract().operations.map((o) => o.operationId);
    expect(ids.filter((id) => !isOperationId(handlers, id))).toEqual([]);
    expect(Object.keys(handlers).sort()).toEqual([...ids].sort());
    expect(isOperationId(handlers, "toString")).toBe(false);
    // Parsing and dereferencing the whole OpenAPI document took 3.6 s on a loaded 2-core box.
  }, 30_000);
});
