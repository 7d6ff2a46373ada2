// The queue's event stream (app/api/live/verifications/route.ts) served over HTTP to a user signed in
// with a real session cookie: access is checked again at every heartbeat, so a user removed from the
// dealer, or whose sessions ended, stops receiving its queue at the next one. Only next/headers is
// stubbed (tests/support/session-cookie.ts); sessions, memberships and NOTIFY are real. The heartbeat's
// setInterval is faked so a test moves it on; everything else runs on real time.
import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { cookieJar } from "../support/next-headers";
import { openAuthSession } from "../support/auth-sessions";
import { readText } from "../support/stream-text";
import type { MockSession } from "../support/session-cookie";
import { until } from "../support/until";

const authMock = vi.hoisted(() => ({ session: null as MockSession | null }));
vi.mock("next/headers", () =>
  import("../support/session-cookie").then((m) => m.nextHeadersWith(() => authMock.session)),
);
// The catch-up a resuming page asks for, recorded instead of run (CHeKT is not part of this file).
const catchUps = vi.hoisted(() => [] as unknown[][]);
vi.mock("@/lib/webhooks/background", () => ({ requestCatchUp: (...args: unknown[]) => void catchUps.push(args) }));

let db: TestDatabase;
let prisma: typeof import("@/lib/db").prisma;
let route: typeof import("@/app/api/live/verifications/route");
let heartbeatMs: number;
let server: http.Server;
let base: string;
const link: Record<"a" | "b", string> = { a: "", b: "" };
let userId: string;

/** The route's GET behind a plain Node server: the request's signal aborts when the client goes. */
function serve(): Promise<void> {
  server = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const response = await route.GET(new Request(`${base}${req.url}`, { headers, signal: abort.signal }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) await readText(response.body, (text) => res.write(text));
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

type Stream = { status: number; text: () => string; data: () => { type: string; id?: string }[]; ended: boolean };

/** Opens the stream and reads it to its end in the background; close() drops it. */
async function openStream(headers: Record<string, string> = {}): Promise<Stream & { close(): void }> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/live/verifications`, { headers, signal: abort.signal });
  let text = "";
  const s = {
    status: res.status,
    ended: false,
    text: () => text,
    data: () =>
      text
        .split("\n\n")
        .flatMap((block) => block.split("\n").filter((l) => l.startsWith("data: ")))
        .map((l) => JSON.parse(l.slice(6)) as { type: string; id?: string }),
    close: () => abort.abort(),
  };
  if (res.body) void readText(res.body, (chunk) => (text += chunk)).then(() => (s.ended = true));
  return s;
}

/** A change to a verification of dealer A as a webhook announces it (an unknown id: the page gets a remove). */
async function notifyA(): Promise<string> {
  const id = randomUUID();
  const { notifyVerification } = await import("@/lib/webhooks/notify");
  await prisma.$transaction((tx) => notifyVerification(tx, { id, dealerLinkId: link.a, state: "pending" }));
  return id;
}

const removed = (s: Stream, id: string) => s.data().some((m) => m.type === "remove" && m.id === id);

beforeAll(async () => {
  db = await createTestDatabase("chekt_live_access");
  process.env.DATABASE_URL = db.url;
  ({ prisma } = await import("@/lib/db"));
  heartbeatMs = (await import("@/lib/verifications/config")).liveHeartbeatMs();
  route = await import("@/app/api/live/verifications/route");
  for (const key of ["a", "b"] as const) {
    const row = await prisma.dealerLink.create({
      data: {
        chektDealerId: key === "a" ? 71 : 72,
        externalDealerId: `live-${key}`,
        companyName: `Dealer ${key}`,
        connectedAt: new Date(),
      },
    });
    link[key] = row.id;
  }
  await serve();
  const { liveListener } = await import("@/lib/live/listen");
  await liveListener().ready();
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  const { liveListener } = await import("@/lib/live/listen");
  await liveListener().close();
  delete (globalThis as { __chektLiveListener?: unknown }).__chektLiveListener;
  await prisma?.$disconnect();
  await db?.drop();
});

const open: { close(): void }[] = [];
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  catchUps.length = 0;
  const user = await prisma.user.create({
    data: { email: `olga-${randomUUID()}@example.test`, name: "Olga Operator", role: "operator", passwordHash: "x" },
  });
  userId = user.id;
  await prisma.membership.create({ data: { userId, dealerLinkId: link.a, role: "operator" } });
  authMock.session = { user: { id: userId }, sv: 0, ...(await openAuthSession(prisma, userId, `sid_${randomUUID()}`)) };
  cookieJar.clear();
  cookieJar.set("dealer_link", link.a);
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  vi.useRealTimers();
});

/** A's stream, open and live: its snapshot came, and a change of A reaches it. */
async function liveStream(headers: Record<string, string> = {}) {
  const s = await openStream(headers);
  open.push(s);
  expect(s.status).toBe(200);
  await until(
    () => s.data().some((m) => m.type === "snapshot"),
    () => "the snapshot",
  );
  const id = await notifyA();
  await until(
    () => removed(s, id),
    () => "the first change",
  );
  return s;
}

/** Moves the heartbeat on once and waits for what it decided. */
async function heartbeat(s: Stream, expectEnd: boolean) {
  const heartbeats = () => s.text().split(": heartbeat").length;
  const before = heartbeats();
  vi.advanceTimersByTime(heartbeatMs);
  await until(
    () => s.ended || heartbeats() > before,
    () => "the heartbeat's outcome",
  );
  expect(s.ended).toBe(expectEnd);
}

describe("the live queue stream re-checks access", () => {
  it("stays open for a member: each heartbeat keeps it going", async () => {
    const s = await liveStream();
    await heartbeat(s, false);
    await heartbeat(s, false);
    const id = await notifyA();
    await until(
      () => removed(s, id),
      () => "a change after two heartbeats",
    );
  });

  it("ends at the next heartbeat once the user is removed from the dealer; nothing more reaches them", async () => {
    const { liveListener } = await import("@/lib/live/listen");
    const subscribers = liveListener().subscriberCount;
    const s = await liveStream();
    await prisma.membership.delete({ where: { userId_dealerLinkId: { userId, dealerLinkId: link.a } } });
    await heartbeat(s, true);
    // No pause for what might still come: the ended stream is off the fan-out, and the change below is
    // waited for until the fan-out delivered it to the subscribers there are.
    await until(
      () => liveListener().subscriberCount === subscribers,
      () => "the ended stream off the listener",
    );
    const heard: string[] = [];
    const unsubscribe = liveListener().subscribe((e) => void (e.kind === "verification" && heard.push(e.message.id)));
    try {
      const after = await notifyA();
      await until(
        () => heard.includes(after),
        () => "the change fanned out",
      );
      expect(removed(s, after)).toBe(false);
    } finally {
      unsubscribe();
    }
  });

  it("ends when the user is a member of another dealer only: it never turns into that dealer's queue", async () => {
    const s = await liveStream();
    await prisma.membership.create({ data: { userId, dealerLinkId: link.b, role: "operator" } });
    await prisma.membership.delete({ where: { userId_dealerLinkId: { userId, dealerLinkId: link.a } } });
    await heartbeat(s, true);
  });

  it("ends at the next heartbeat once the user's sessions end (signed out everywhere)", async () => {
    const s = await liveStream();
    const { endSessions } = await import("@/lib/auth/sessions");
    await endSessions(prisma, userId, "sign_out");
    await heartbeat(s, true);
  });

  it.each([
    ["disabled", { disabledAt: new Date() }],
    ["given a new password by an admin (session version bumped)", { sessionVersion: { increment: 1 } }],
  ])("ends at the next heartbeat once the user is %s", async (_, change) => {
    const s = await liveStream();
    await prisma.user.update({ where: { id: userId }, data: change });
    await heartbeat(s, true);
  });

  it("refuses the reconnect of a user it ended: 401 signed out, 409 with no dealer left", async () => {
    await prisma.membership.delete({ where: { userId_dealerLinkId: { userId, dealerLinkId: link.a } } });
    expect((await openStream()).status).toBe(409);
    authMock.session = null;
    expect((await openStream()).status).toBe(401);
  });

  it("a resuming page (Last-Event-ID) asks for the catch-up of its own dealer only", async () => {
    await liveStream({ "last-event-id": "42" });
    expect(catchUps).toEqual([[link.a]]);
  });
});

// The stream is opened and re-asked by the page, not by anyone at it: its checks must not count as activity,
// or a tab left on the queue never idles out. Time passing is what the session row says: last_seen_at set
// back, as the idle check reads it (lib/auth/sessions.ts), instead of a wait.
describe("the live queue stream does not keep the session alive", () => {
  const sessionRow = () => prisma.authSession.findUniqueOrThrow({ where: { id: authMock.session!.sid! } });
  const lastSeen = async () => (await sessionRow()).lastSeenAt.getTime();
  /** The session's last activity `ms` before now. */
  const idleFor = (ms: number) =>
    prisma.authSession.update({
      where: { id: authMock.session!.sid! },
      data: { lastSeenAt: new Date(Date.now() - ms) },
    });
  /** `ms` more pass for the session: its last activity moves that much further back. */
  const passes = async (ms: number) => idleFor(Date.now() - (await lastSeen()) + ms);

  it("neither opening the stream nor its heartbeats move last seen; a page request does", async () => {
    await idleFor(5 * 60_000);
    const before = await lastSeen();
    const s = await liveStream();
    expect(await lastSeen()).toBe(before);
    await heartbeat(s, false);
    await heartbeat(s, false);
    expect(await lastSeen()).toBe(before);

    const { requirePageScope } = await import("@/lib/auth/require");
    const asked = Date.now();
    await requirePageScope("viewer");
    expect(await lastSeen()).toBeGreaterThanOrEqual(asked);
  });

  it("a session idle past its limit while only the stream is open ends at the next heartbeat", async () => {
    const { sessionPolicy } = await import("@/lib/auth/policy");
    const { idleMs } = sessionPolicy(process.env);
    // Two minutes of the idle limit left when the queue is opened: it stays open through a heartbeat.
    await idleFor(idleMs - 2 * 60_000);
    const s = await liveStream();
    await heartbeat(s, false);
    // Three more minutes with nothing but the stream open.
    await passes(3 * 60_000);
    await heartbeat(s, true);
    expect(await sessionRow()).toMatchObject({ endReason: "idle", endedAt: expect.any(Date) });
    expect((await openStream()).status).toBe(401);
  });
});
