// A site's directions saved by several operators at the same moment, through the server action
// (actions/verifications.ts saveDirectionsAction) against real Postgres: the audit row's "before" used to
// be read before the transaction, so saves that overlapped all said they replaced the same text. It is
// now read under a lock on the site's row: the rows form one chain, each "before" the "after" of the
// save it followed, the first's the text that stood, the last's "after" what the site shows.
import "../support/console-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { mirrorKey } from "../support/mirror-rows";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN, OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted } from "../support/form-inputs";

const world = simFile("chekt_directions_audit", { members: [OPERATOR, ADMIN], user: OPERATOR });
let actions: typeof import("@/actions/verifications");

/** A site each test: directions are kept per site, and the tests run in any order. */
const SITE = 9_301;
const OTHER_SITE = 9_302;

beforeAll(async () => {
  actions = await import("@/actions/verifications");
  await world.prisma.mirrorSite.createMany({
    data: [SITE, OTHER_SITE].map((id) => ({
      ...mirrorKey(world.linkId, id, "s"),
      name: `Warehouse ${id}`,
      isActivated: true,
      searchText: `warehouse ${id}`,
      dto: { site_id: id, name: `Warehouse ${id}`, external_site_id: `s-${id}` },
      confirmedAt: new Date(),
    })),
  });
});

type Directions = { directions: string | null };

describe("directions saved at once", () => {
  it("five saves together: the audit rows' before/after form one chain ending in what the site shows", async () => {
    jar.set("dealer_link", world.linkId);
    accepted(await actions.saveDirectionsAction({ siteId: SITE, text: "Gate code 1000", dealerLinkId: world.linkId }));
    const texts = [1, 2, 3, 4, 5].map((i) => `Gate code ${1000 + i}`);
    const answers = await Promise.all(
      texts.map((text) => actions.saveDirectionsAction({ siteId: SITE, text, dealerLinkId: world.linkId })),
    );
    answers.forEach((a) => accepted(a));

    const rows = await world.prisma.auditLog.findMany({
      where: { action: "verifications.directions", chektId: String(SITE), outcome: "success" },
      orderBy: { id: "asc" },
      select: { before: true, after: true },
    });
    expect(rows).toHaveLength(6);
    const chain = rows.map((r) => ({ before: r.before as Directions, after: r.after as Directions }));
    expect(chain[0].before).toEqual({ directions: null });
    // Committed one after the other: each save replaced what the one before it wrote.
    for (let i = 1; i < chain.length; i++) expect(chain[i].before).toEqual(chain[i - 1].after);
    expect(new Set(chain.slice(1).map((c) => c.after.directions))).toEqual(new Set(texts));
    const shown = await world.prisma.siteDirections.findUniqueOrThrow({
      where: { dealerLinkId_siteId: { dealerLinkId: world.linkId, siteId: SITE } },
    });
    expect(chain.at(-1)!.after).toEqual({ directions: shown.text });
  });

  it("emptying them records what was removed", async () => {
    jar.set("dealer_link", world.linkId);
    accepted(
      await actions.saveDirectionsAction({
        siteId: OTHER_SITE,
        text: "Ring the night bell",
        dealerLinkId: world.linkId,
      }),
    );
    accepted(await actions.saveDirectionsAction({ siteId: OTHER_SITE, text: "", dealerLinkId: world.linkId }));
    const last = await world.prisma.auditLog.findFirstOrThrow({
      where: { action: "verifications.directions", chektId: String(OTHER_SITE), outcome: "success" },
      orderBy: { id: "desc" },
    });
    expect(last).toMatchObject({
      before: { directions: "Ring the night bell" },
      after: { directions: null },
    });
  });
});
