/**
 * The client's types come from the OpenAPI document. These lines are checked by `tsc`
 * (`npm run typecheck`): each @ts-expect-error must really be an error, so a change that let a
 * wrong path, method or body through would fail the type check. At run time the test only makes
 * sure the calls are never sent (the client points nowhere).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { createChektClient, type ChektData } from "../../lib/chekt/client";
import type { components } from "../../lib/chekt/schema";

const c = createChektClient({ baseUrl: "http://127.0.0.1:9", auth: { type: "none" }, deadlineMs: 1 });
const never = () => false; // keeps the calls below from running

describe("typed paths", () => {
  it("answers are typed from the document", () => {
    expectTypeOf<ChektData<"get", "/partner/v1/dealers/{dealerId}/sites">>().toEqualTypeOf<
      components["schemas"]["ResponseSiteBasicDto"][]
    >();
    expectTypeOf<ChektData<"GET", "/partner/v1/dealers/{dealerId}">>().toEqualTypeOf<
      components["schemas"]["ResponseDealerDto"]
    >();
  });

  it("wrong paths, methods, params and bodies do not compile", () => {
    if (never()) {
      // @ts-expect-error — no such path in the document
      void c.request("GET", "/partner/v1/dealer/{dealerId}/sites", { params: { path: { dealerId: 1 } } });
      // @ts-expect-error — sites have no PATCH
      void c.request("PATCH", "/partner/v1/dealers/{dealerId}/sites/{siteId}", {
        params: { path: { dealerId: 1, siteId: 2 } },
      });
      // @ts-expect-error — dealerId is required
      void c.request("GET", "/partner/v1/dealers/{dealerId}/sites", { params: { path: {} } });
      void c.request("PATCH", "/partner/v1/dealers/{dealerId}/sites/{siteId}/arming-settings", {
        params: { path: { dealerId: 1, siteId: 2 } },
        // @ts-expect-error — security_type is a number 1..4, not text
        body: { security_type: "video" },
      });
      void c.post("/partner/v1/dealers/{dealerId}/sites", {
        params: { path: { dealerId: 1 } },
        // @ts-expect-error — a create needs its required fields
        body: { name: "No external id" },
      });
    }
    expect(c.stats().requests).toBe(0);
  });
});
