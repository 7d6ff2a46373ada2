// The paste review's lookup (devicesHeldElsewhere in actions/devices.ts): the paste page used to send
// the browser every external ID of the dealer's other sites (a few hundred kB at 10,000 devices) so the
// review could flag "already used at another site". It now sends this site's IDs only, and the review
// asks the server about the pasted IDs: which of them a device on another of the dealer's sites holds,
// and where. Another dealer's IDs are never answered, nor this site's own; an over-long list is refused
// with its reason; the answer comes from the mirror, with CHeKT never called.
//
// Real: the action client, Postgres, the page loader. Mocked: only the session source and the request
// cookies/headers. "CHeKT" is a server that counts calls and answers 503.
import "../support/console-mocks";
import "../support/auth-mocks";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { isValidElement, type ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { ACME, connectDealerLink, NORTHWIND } from "../support/dealer-links";
import { addMembers } from "../support/members";
import { cookieJar as jar, requestHeaders } from "../support/next-headers";
import { session } from "../support/session";

const OPERATOR = { id: "hl-op", email: "op@held.test", name: "Held Op", role: "operator" as const };
const VIEWER = { id: "hl-viewer", email: "viewer@held.test", name: "Held Viewer", role: "viewer" as const };
const NW_ADMIN = { id: "hl-nw", email: "admin@northwind.test", name: "NW Admin", role: "admin" as const };

// Acme's sites: the one pasted into, and two others; Northwind (another dealer) has a site too.
const TARGET = 9101;
const HARBOR = 9102;
const DEPOT = 9103;
const NW_SITE = 9201;

let db: TestDatabase;
let prisma: PrismaClient;
let chekt: Server;
let chektCalls = 0;
let acme = "";
let northwind = "";
let devices: typeof import("@/actions/devices");

async function site(dealerLinkId: string, chektId: number, name: string) {
  await prisma.mirrorSite.create({
    data: {
      dealerLinkId,
      chektId,
      externalId: `site-${chektId}`,
      name,
      isActivated: true,
      searchText: name.toLowerCase(),
      dto: {},
      confirmedAt: new Date(),
    },
  });
}

let nextDevice = 1;
async function device(dealerLinkId: string, siteId: number, externalId: string, name: string, gone = false) {
  await prisma.mirrorDevice.create({
    data: {
      dealerLinkId,
      chektId: nextDevice++,
      siteId,
      externalId,
      name,
      deviceType: "camera",
      dto: {},
      confirmedAt: new Date(),
      goneAt: gone ? new Date() : null,
    },
  });
}

beforeAll(async () => {
  chekt = createServer((_req, res) => {
    chektCalls++;
    res.writeHead(503, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "unavailable", message: "this test: CHeKT must not be called" } }));
  });
  await new Promise<void>((r) => chekt.listen(0, "127.0.0.1", r));
  db = await createTestDatabase("chekt_held_lookup");
  process.env.DATABASE_URL = db.url;
  process.env.CHEKT_API_BASE_URL = `http://127.0.0.1:${(chekt.address() as AddressInfo).port}`;
  ({ prisma } = await import("@/lib/db"));
  acme = await connectDealerLink(prisma, ACME);
  northwind = await connectDealerLink(prisma, NORTHWIND);
  await addMembers(prisma, acme, [OPERATOR, VIEWER]);
  await addMembers(prisma, northwind, [NW_ADMIN]);

  await site(acme, TARGET, "Target Plaza");
  await site(acme, HARBOR, "Harbor Logistics");
  await site(acme, DEPOT, "");
  await device(acme, TARGET, "own-1", "Own camera");
  await device(acme, HARBOR, "shared-1", "Front Door");
  await device(acme, HARBOR, "harbor-2", "Dock");
  await device(acme, DEPOT, "depot-1", "Gate");
  await device(acme, HARBOR, "gone-1", "Removed", true);
  // Northwind's devices: one with an ID Acme's other site holds too, others only Northwind has.
  await site(northwind, NW_SITE, "Northwind HQ");
  await device(northwind, NW_SITE, "nw-only", "NW camera");
  await device(northwind, NW_SITE, "shared-1", "NW front door");
  await device(northwind, NW_SITE, "own-1", "NW own twin");

  devices = await import("@/actions/devices");
}, 120_000);

afterAll(async () => {
  session.user = null;
  await prisma?.$disconnect().catch(() => undefined);
  await db?.drop();
  await new Promise((r) => chekt?.close(r));
});

function asAcme(user: typeof OPERATOR | typeof VIEWER = OPERATOR) {
  session.user = user;
  jar.set("dealer_link", acme);
}

describe("which pasted IDs the dealer's other sites hold", () => {
  it("names device and site for the dealer's other sites; not another dealer's, this site's or unknown", async () => {
    asAcme();
    const calls = chektCalls;
    const r = await devices.devicesHeldElsewhere({
      siteId: TARGET,
      externalIds: ["shared-1", "depot-1", "nw-only", "own-1", "nowhere", "gone-1", "shared-1"],
    });
    expect(r?.serverError).toBeUndefined();
    expect(r?.data?.held.sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual([
      { externalId: "depot-1", device: "Gate", site: `Site ${DEPOT}` },
      { externalId: "shared-1", device: "Front Door", site: "Harbor Logistics" },
    ]);
    expect(chektCalls).toBe(calls);
  });

  it("asked from another of the dealer's sites, the first site's IDs are the ones elsewhere", async () => {
    asAcme(VIEWER);
    const r = await devices.devicesHeldElsewhere({ siteId: HARBOR, externalIds: ["own-1", "shared-1", "harbor-2"] });
    expect(r?.data?.held).toEqual([{ externalId: "own-1", device: "Own camera", site: "Target Plaza" }]);
  });

  it("another dealer asking about the same IDs hears only of its own sites", async () => {
    session.user = NW_ADMIN;
    jar.set("dealer_link", northwind);
    const r = await devices.devicesHeldElsewhere({
      siteId: NW_SITE,
      externalIds: ["shared-1", "depot-1", "harbor-2", "own-1"],
    });
    expect(r?.data?.held).toEqual([]);
  });

  it("another dealer's site is not found, and the attempt is audited as refused", async () => {
    asAcme();
    const r = await devices.devicesHeldElsewhere({ siteId: NW_SITE, externalIds: ["nw-only"] });
    expect(r?.serverError).toMatchObject({ code: "not_found", message: `This dealer has no site ${NW_SITE}.` });
    expect(r?.data).toBeUndefined();
    const audit = await prisma.auditLog.findFirst({
      where: { action: "devices.held_elsewhere" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ outcome: "refused", userEmail: OPERATOR.email, dealerLinkId: acme });
  });

  it("a list longer than a job's rows is refused with its reason, as is an ID the paste would refuse", async () => {
    asAcme();
    const tooMany = Array.from({ length: 5001 }, (_, i) => `cam-${i}`);
    const r = await devices.devicesHeldElsewhere({ siteId: TARGET, externalIds: tooMany });
    expect(r?.data).toBeUndefined();
    expect(r?.validationErrors?.fieldErrors?.externalIds).toEqual([
      "At most 5,000 device IDs (yours) can be checked at once (a job's rows); split the list",
    ]);
    const bad = await devices.devicesHeldElsewhere({ siteId: TARGET, externalIds: ["x".repeat(129)] });
    expect(bad?.validationErrors?.fieldErrors?.externalIds).toEqual([
      `Device ID (yours) is longer than 128 characters: "${"x".repeat(24)}…"`,
    ]);
  });

  it("a read: no audit row when it answers", async () => {
    asAcme();
    const before = await prisma.auditLog.count({ where: { action: "devices.held_elsewhere" } });
    await devices.devicesHeldElsewhere({ siteId: TARGET, externalIds: ["shared-1"] });
    expect(await prisma.auditLog.count({ where: { action: "devices.held_elsewhere" } })).toBe(before);
  });
});

/** Every element in a rendered tree (fragments and children followed). */
function elements(tree: unknown, out: ReactElement<Record<string, unknown>>[] = []) {
  if (Array.isArray(tree)) for (const t of tree) elements(t, out);
  else if (isValidElement<Record<string, unknown>>(tree)) {
    out.push(tree);
    elements(tree.props.children, out);
  }
  return out;
}

describe("the paste page", () => {
  it("hands the browser this site's IDs only, none of the dealer's other sites'", async () => {
    asAcme();
    requestHeaders.current = new Headers({ "x-request-path": `/sites/${TARGET}/devices/paste` });
    const { default: PasteDevicesPage } = await import("@/app/(console)/sites/[siteId]/devices/paste/page");
    const { PasteDevices } = await import("@/components/devices/paste-devices");
    const tree = await PasteDevicesPage({ params: Promise.resolve({ siteId: String(TARGET) }) });
    const paste = elements(tree).find((e) => e.type === PasteDevices);
    expect(paste?.props).toEqual({ siteId: TARGET, existingExternalIds: ["own-1"] });
    const sent = JSON.stringify(paste?.props);
    for (const id of ["shared-1", "harbor-2", "depot-1", "nw-only"]) expect(sent).not.toContain(id);
  });
});
