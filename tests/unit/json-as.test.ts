// lib/json-as.ts: how the browser reads fetched and stored JSON. Anything that is not JSON of the
// expected shape reads as null (or the caller's fallback message), never as a throw or a wrong value.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyAs, failureMessage, jsonAs } from "@/lib/json-as";

const ids = z.array(z.string());
const answer = (body: string, status = 200) => new Response(body, { status });

describe("jsonAs", () => {
  it("reads JSON of the schema's shape", () => {
    expect(jsonAs('["a","b"]', ids)).toEqual(["a", "b"]);
  });

  it.each([
    { what: "no text", text: null },
    { what: "text that is not JSON", text: '["a",' },
    { what: "an empty string", text: "" },
    { what: "JSON of another shape", text: '{"a":1}' },
    { what: "a list with a wrong entry", text: '["a",2]' },
  ])("reads $what as null", ({ text }) => {
    expect(jsonAs(text, ids)).toBeNull();
  });
});

describe("bodyAs", () => {
  it("reads a fetch answer's body of the schema's shape", async () => {
    expect(await bodyAs(answer('{"held":false}'), z.object({ held: z.boolean() }))).toEqual({ held: false });
  });

  it("reads a body that is not JSON, or of another shape, as null", async () => {
    expect(await bodyAs(answer("<html>Bad gateway</html>", 502), z.object({ held: z.boolean() }))).toBeNull();
    expect(await bodyAs(answer('{"held":"no"}'), z.object({ held: z.boolean() }))).toBeNull();
  });

  it("reads a body already read as null instead of throwing", async () => {
    const res = answer('{"held":true}');
    await res.text();
    expect(await bodyAs(res, z.object({ held: z.boolean() }))).toBeNull();
  });
});

describe("failureMessage", () => {
  it("is the message of the routes' error envelope", async () => {
    const res = answer(JSON.stringify({ error: { code: "forbidden", message: "Only admins can do this." } }), 403);
    expect(await failureMessage(res, "HTTP 403")).toBe("Only admins can do this.");
  });

  it.each([
    { what: "a body that is not JSON", body: "upstream timed out" },
    { what: "an empty body", body: "" },
    { what: "an envelope without a message", body: '{"error":{"code":"x"}}' },
    { what: "a message that is not text", body: '{"error":{"message":42}}' },
  ])("is the fallback for $what", async ({ body }) => {
    expect(await failureMessage(answer(body, 500), "Could not load (HTTP 500)")).toBe("Could not load (HTTP 500)");
  });
});
