// The desk page names the dealer it was drawn for (`?dealer=` on its routes, `dealerLinkId` in its actions):
// a queue left open on dealer A never turns into another dealer's after a switch in another tab or the loss
// of A. Olga works at A and B; the routes answer A's page only while A is her current dealer (else 409 naming
// both, or, once she is off A, a 404 naming none), and the desk's actions work on A, the page's dealer,
// whatever her current one: B's alarm sent from A's page is no alarm of A's. Another dealer's id (C, where
// she is no member) is refused exactly like an id of nothing, its name nowhere in the answer.
// Real Postgres and the real action client and routes; the session source and next/headers are stubbed.
import "../support/console-mocks";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dbFile } from "../support/db-file";
import { ACME, connectDealerLink, NORTHWIND } from "../support/dealer-links";
import { seedOpenAlarm } from "../support/desk-rows";
import { addMembers } from "../support/members";
import { resetNextHeaders, cookieJar } from "../support/next-headers";
import { session } from "../support/session";

const world = dbFile("chekt_page_dealer", ACME);
const OLGA = { id: "pd-olga", email: "olga@dealers.test", name: "Olga Operator", role: "operator" as const };
const HIDDEN = { chektDealerId: 3, externalDealerId: "hidden-co", companyName: "Hidden Dealer Co" };
const link = { a: "", b: "", c: "" };
/** One open verification of A and one of B, seeded for each test. */
const v = { a: "", b: "" };

let list: typeof import("@/app/api/live/verifications/list/route");
let stream: typeof import("@/app/api/live/verifications/route");
let detail: typeof import("@/app/api/live/verifications/[id]/detail/route");
let lease: typeof import("@/app/api/live/verifications/[id]/lease/route");
let snapshot: typeof import("@/app/api/snapshots/[id]/route");
let actions: typeof import("@/actions/verifications");

beforeAll(async () => {
  link.a = world.linkId;
  link.b = await connectDealerLink(world.prisma, NORTHWIND);
  link.c = await connectDealerLink(world.prisma, HIDDEN);
  list = await import("@/app/api/live/verifications/list/route");
  stream = await import("@/app/api/live/verifications/route");
  detail = await import("@/app/api/live/verifications/[id]/detail/route");
  lease = await import("@/app/api/live/verifications/[id]/lease/route");
  snapshot = await import("@/app/api/snapshots/[id]/route");
  actions = await import("@/actions/verifications");
});

afterAll(async () => {
  const { liveListener } = await import("@/lib/live/listen");
  await liveListener().close();
  delete (globalThis as { __chektLiveListener?: unknown }).__chektLiveListener;
});

beforeEach(async () => {
  await world.prisma.membership.deleteMany({ where: { userId: OLGA.id } });
  await addMembers(world.prisma, link.a, [OLGA]);
  await addMembers(world.prisma, link.b, [OLGA]);
  for (const key of ["a", "b"] as const) {
    v[key] = `v-${key}-${randomUUID()}`;
    await seedOpenAlarm(world.prisma, {
      alarmId: `al-${v[key]}`,
      verificationId: v[key],
      dealerLinkId: link[key],
      siteId: key === "a" ? 101 : 201,
      location: `Front door ${key}`,
      snapshotUrl: "https://example.test/snap.jpg",
      now: new Date(),
    });
  }
  resetNextHeaders();
  session.user = OLGA;
  cookieJar.set("dealer_link", link.a);
});

/** Olga switched to `key` (in another tab: the cookie is the browser's, shared by every tab). */
const switchTo = (key: "a" | "b") => cookieJar.set("dealer_link", link[key]);
const url = (path: string, dealer: string) => `http://app.test${path}?dealer=${encodeURIComponent(dealer)}`;
const body = async (res: Response) => (await res.json()) as { items?: { id: string }[]; error?: { code: string } };

const SWITCHED =
  "This page is for Acme Security; you switched to Northwind Alarms in another tab. " +
  "Reload to work on Northwind Alarms.";

describe("the queue's list and stream answer the page's dealer only", () => {
  it("while it is the current dealer: A's queue, nothing of B's", async () => {
    const res = await list.GET(new Request(url("/api/live/verifications/list", link.a)));
    expect(res.status).toBe(200);
    // Earlier tests' alarms stay open (the order is shuffled): A's are all there is, B's none.
    const ids = (await body(res)).items?.map((i) => i.id) ?? [];
    expect(ids).toContain(v.a);
    expect(ids.filter((id) => !id.startsWith("v-a-"))).toEqual([]);
    const abort = new AbortController();
    const live = await stream.GET(new Request(url("/api/live/verifications", link.a), { signal: abort.signal }));
    expect(live.status).toBe(200);
    abort.abort();
  });

  it("after a switch to B in another tab: refused with both names, never B's queue", async () => {
    switchTo("b");
    for (const res of [
      await list.GET(new Request(url("/api/live/verifications/list", link.a))),
      await stream.GET(new Request(url("/api/live/verifications", link.a))),
    ]) {
      expect(res.status).toBe(409);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "dealer_switched", message: SWITCHED } });
      expect(text).not.toContain(v.b);
    }
  });

  it("the alarm's detail, snapshot and lease of a page for A are refused alike once B is current", async () => {
    switchTo("b");
    const params = (id: string) => ({ params: Promise.resolve({ id }) });
    const answers = [
      await detail.GET(new Request(url(`/api/live/verifications/${v.b}/detail`, link.a)), params(v.b)),
      await snapshot.GET(new Request(url("/api/snapshots/snap-1", link.a)), params("snap-1")),
      await lease.POST(
        new Request(url(`/api/live/verifications/${v.b}/lease`, link.a), { method: "POST" }),
        params(v.b),
      ),
    ];
    expect(answers.map((r) => r.status)).toEqual([409, 409, 409]);
  });

  it("taken off A (still at B): a 404 naming no dealer, and the attempt audited", async () => {
    await world.prisma.membership.delete({ where: { userId_dealerLinkId: { userId: OLGA.id, dealerLinkId: link.a } } });
    const before = await world.prisma.auditLog.count({ where: { action: "scope.not_found", objectKind: "dealer" } });
    for (const res of [
      await list.GET(new Request(url("/api/live/verifications/list", link.a))),
      await stream.GET(new Request(url("/api/live/verifications", link.a))),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such dealer." } });
    }
    const after = await world.prisma.auditLog.count({ where: { action: "scope.not_found", objectKind: "dealer" } });
    expect(after - before).toBe(2);
  });

  it("another dealer's id is refused exactly like an id of nothing: its name is nowhere in the answer", async () => {
    const other = await list.GET(new Request(url("/api/live/verifications/list", link.c)));
    const nothing = await list.GET(new Request(url("/api/live/verifications/list", "no-such-link")));
    expect([other.status, nothing.status]).toEqual([404, 404]);
    const [otherText, nothingText] = [await other.text(), await nothing.text()];
    expect(otherText).toBe(nothingText);
    expect(otherText).not.toContain("Hidden");
    const live = await stream.GET(new Request(url("/api/live/verifications", link.c)));
    expect(live.status).toBe(404);
    expect(await live.text()).toBe(nothingText);
  });
});

describe("the desk's actions work on the page's dealer, whatever the current one", () => {
  const state = async (id: string) =>
    (await world.prisma.verification.findFirstOrThrow({ where: { id }, select: { state: true, claimedById: true } }))
      .state;

  it("a claim from A's page while B is current claims A's alarm, audited on A", async () => {
    switchTo("b");
    const res = await actions.claimVerification({ id: v.a, dealerLinkId: link.a });
    expect(res.serverError).toBeUndefined();
    expect(res.data).toEqual({ claimed: true });
    expect(await state(v.a)).toBe("claimed");
    const row = await world.prisma.auditLog.findFirstOrThrow({
      where: { action: "verifications.claim", chektId: v.a },
      orderBy: { id: "desc" },
    });
    expect(row).toMatchObject({ outcome: "success", dealerLinkId: link.a });
  });

  it("B's alarm sent from A's page, B current: not found, and B's alarm untouched", async () => {
    switchTo("b");
    const claim = await actions.claimVerification({ id: v.b, dealerLinkId: link.a });
    expect(claim.serverError?.code).toBe("not_found");
    expect(await state(v.b)).toBe("pending");
  });

  it("an answer from A's page acts on A's alarm only, even while B is current", async () => {
    // Olga holds both alarms; the outcome named is no outcome at all, so nothing reaches CHeKT: what is
    // refused, and how, says which dealer's alarm the answer was about.
    await world.prisma.verification.updateMany({
      where: { id: { in: [v.a, v.b] } },
      data: { state: "claimed", claimedById: OLGA.id, claimedByName: OLGA.name },
    });
    switchTo("b");
    const answer = (id: string) =>
      actions.answerVerificationAction({
        id,
        dealerLinkId: link.a,
        action: "dispatch",
        contactId: 7,
        outcomeId: randomUUID(),
        checkedSteps: [],
      });
    const onB = await answer(v.b);
    expect(onB.serverError?.code).toBe("not_found");
    expect(await state(v.b)).toBe("claimed");
    const onA = await answer(v.a);
    // A's alarm was found and held by Olga: what stops it is the outcome, checked against A's list.
    expect(onA.serverError).toMatchObject({
      code: "validation",
      message: "Choose an outcome from this dealer's list.",
    });
  });

  it("naming a dealer Olga is no member of is refused without its name", async () => {
    const res = await actions.claimVerification({ id: v.a, dealerLinkId: link.c });
    expect(res.serverError).toMatchObject({ code: "not_found", message: "No such dealer." });
    expect(JSON.stringify(res)).not.toContain("Hidden");
    expect(await state(v.a)).toBe("pending");
  });
});
