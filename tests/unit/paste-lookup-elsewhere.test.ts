// The paste review asks the server which pasted external IDs the dealer's other sites hold (the page
// no longer carries their IDs). A key is "no clash" only once the server said so: while it is being
// asked, and after a failed ask until Retry, the review says so and the send waits. Pure state
// (components/import/key-lookup.ts), the device kind's keys and answer, and the review's words.
import { describe, expect, it } from "vitest";
import {
  answered,
  asked,
  failed,
  findings,
  initialLookup,
  lookupStatus,
  nextAsk,
  retried,
  type LookupState,
  type LookupStatus,
} from "@/components/import/key-lookup";
import { HELD_ELSEWHERE_WORDS, heldAnswer } from "@/components/devices/held-elsewhere";
import { heldElsewhereInput, MAX_ROWS_PER_JOB } from "@/lib/bulk/schemas";
import { idsToCheckElsewhere, validateRows, type IdHolder } from "@/lib/bulk/validate";
import { noop, renderReview, reviewState } from "../support/review-step";

const HARBOR: IdHolder = { device: "Front Door", site: "Harbor" };
const start = () => initialLookup<IdHolder>();

describe("the lookup's state", () => {
  it("asks the review's keys at once, each once; later keys once the typing pauses", () => {
    let s = start();
    expect(nextAsk(s, ["a", "b", "a"])).toEqual({ keys: ["a", "b"], wait: "now" });
    s = asked(s, ["a", "b"]);
    // One request at a time: a key added meanwhile waits for the answer.
    expect(nextAsk(s, ["a", "b", "c"])).toBeNull();
    s = answered(s, ["a", "b"], new Map([["a", HARBOR]]));
    expect(nextAsk(s, ["a", "b"])).toBeNull();
    expect(nextAsk(s, ["a", "b", "c"])).toEqual({ keys: ["c"], wait: "pause" });
    expect([...findings(s.answers)]).toEqual([["a", HARBOR]]);
  });

  it("says checking until every key is answered, then how many were found", () => {
    let s = start();
    expect(lookupStatus(s, [])).toEqual({ state: "idle" });
    expect(lookupStatus(s, ["a", "b"])).toEqual({ state: "checking" });
    s = asked(s, ["a", "b"]);
    expect(lookupStatus(s, ["a", "b"])).toEqual({ state: "checking" });
    s = answered(s, ["a", "b"], new Map([["a", HARBOR]]));
    expect(lookupStatus(s, ["a", "b"])).toEqual({ state: "done", keys: 2, found: 1 });
    // An edit brings a key not asked yet: not known to be free, so checking again.
    expect(lookupStatus(s, ["a", "b", "c"])).toEqual({ state: "checking" });
    expect(lookupStatus(s, ["b"])).toEqual({ state: "done", keys: 1, found: 0 });
  });

  it("a failed ask is never 'no clash': the keys stay unanswered, nothing more is asked until Retry", () => {
    let s: LookupState<IdHolder> = asked(start(), ["a"]);
    s = failed(s, "We got no answer from the server.");
    expect(lookupStatus(s, ["a"])).toEqual({ state: "failed", message: "We got no answer from the server." });
    expect(findings(s.answers).size).toBe(0);
    expect(nextAsk(s, ["a", "b"])).toBeNull();
    s = retried(s);
    expect(nextAsk(s, ["a", "b"])).toEqual({ keys: ["a", "b"], wait: "now" });
    expect(lookupStatus(s, ["a", "b"])).toEqual({ state: "checking" });
  });

  it("an answer that comes after an edit is kept for the keys it was asked about", () => {
    let s = asked(start(), ["a"]);
    s = answered(s, ["a"], new Map());
    s = asked(s, ["b"]);
    s = answered(s, ["b"], new Map([["b", HARBOR]]));
    expect(lookupStatus(s, ["a", "b"])).toEqual({ state: "done", keys: 2, found: 1 });
  });
});

const row = (line: number, external_device_id: string) => ({
  line,
  values: { external_device_id, device_type: "camera", name: `Cam ${line}` },
});

describe("the device paste's lookup", () => {
  it("asks about the pasted IDs not on this site, well formed, each once", () => {
    const rows = [
      row(2, " cam-1 "),
      row(3, "cam-1"),
      row(4, "on-this-site"),
      row(5, ""),
      row(6, "x".repeat(129)),
      row(7, "Lobby cam 2"),
    ];
    expect(idsToCheckElsewhere(rows, new Set(["on-this-site"]))).toEqual(["cam-1", "Lobby cam 2"]);
  });

  it("the server's answer marks the row with where the ID is in use, as the job's start would", () => {
    const answer = heldAnswer({ ok: true, data: { held: [{ externalId: "cam-1", ...HARBOR }] } });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const [r] = validateRows([row(2, "cam-1")], {
      mode: "create",
      existingExternalIds: [],
      usedElsewhere: answer.found,
    });
    expect(r.errors.external_device_id).toBe(
      'Device ID (yours) "cam-1" is already used by Front Door at Harbor. Choose another ID.',
    );
  });

  it("a refused list says why in its field's words; a failure carries its trace id", () => {
    const tooMany = heldElsewhereInput.safeParse({
      siteId: 7,
      externalIds: Array.from({ length: MAX_ROWS_PER_JOB + 1 }, (_, i) => `cam-${i}`),
    });
    expect(tooMany.success).toBe(false);
    const message = tooMany.error!.issues[0].message;
    expect(message).toBe("At most 5,000 device IDs (yours) can be checked at once (a job's rows); split the list");
    expect(
      heldAnswer({
        ok: false,
        failure: { code: "invalid_input", message: "Some fields need fixing; nothing was saved." },
        fieldErrors: { externalIds: message },
      }),
    ).toEqual({ ok: false, message });
    expect(
      heldAnswer({
        ok: false,
        failure: { code: "internal", message: "Something went wrong on our side.", traceId: "tr-1" },
        fieldErrors: {},
      }),
    ).toEqual({ ok: false, message: "Something went wrong on our side. (trace ID for support: tr-1)" });
    expect(heldElsewhereInput.safeParse({ siteId: 7, externalIds: ["bad\u0007id"] }).success).toBe(false);
    expect(heldElsewhereInput.safeParse({ siteId: 7, externalIds: [" Lobby cam 2 "] }).data?.externalIds).toEqual([
      "Lobby cam 2",
    ]);
  });
});

/** The review step as rendered with the lookup in `status` (two valid rows, nothing else in the way). */
function reviewWith(status: LookupStatus): string {
  const holding = status.state === "checking" || status.state === "failed";
  return renderReview(
    reviewState({
      sending: 2,
      blocked: holding,
      lookup: { status, words: HELD_ELSEWHERE_WORDS, holding, retry: noop },
    }),
  );
}

/** The live region's words, and whether the send button and Retry are there to press. */
function seen(html: string) {
  const region = /<p[^>]*role="status"[^>]*data-testid="lookup-status"[^>]*>([^<]*)<\/p>/.exec(html);
  const send = /<button[^>]*>(?:(?!<\/button>).)*Send 2/.exec(html)?.[0] ?? "";
  return {
    status: region?.[1].replace(/&#x27;/g, "'") ?? null,
    sendDisabled: /\sdisabled=""/.test(send),
    retry: html.includes("Retry the check"),
  };
}

describe("the review's words for the lookup", () => {
  it("checking: said in a live region, the send waits", () => {
    expect(seen(reviewWith({ state: "checking" }))).toEqual({
      status: "Checking IDs at your other sites…",
      sendDisabled: true,
      retry: false,
    });
  });

  it("failed: says it could not check and why, offers Retry, the send waits", () => {
    expect(seen(reviewWith({ state: "failed", message: "We got no answer from the server." }))).toEqual({
      status:
        "Could not check the pasted IDs at your other sites: We got no answer from the server. Nothing can be " +
        "sent until they are checked.",
      sendDisabled: true,
      retry: true,
    });
  });

  it("done: how many are in use elsewhere (or none), and the send is free", () => {
    expect(seen(reviewWith({ state: "done", keys: 3, found: 0 }))).toEqual({
      status: "No pasted ID is in use at your other sites.",
      sendDisabled: false,
      retry: false,
    });
    expect(seen(reviewWith({ state: "done", keys: 3, found: 2 })).status).toBe(
      "2 pasted IDs are already in use at your other sites (marked in the grid).",
    );
  });
});
