// A site the mirror has no name for is "Site 7" wherever it is named (lib/site-label.ts), never `"" (#7)`
// or a blank: the account-number refusal, the site import's accounts in use, and the history CSV (a
// site the mirror has not seen at all too).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeHookDb, seedDealerLink, startHookDb, type HookDb } from "./webhooks-helpers";

let h: HookDb;
let linkId: string;

beforeAll(async () => {
  h = await startHookDb("chekt_site_labels_nameless_it");
  linkId = await seedDealerLink(h.db.url, { key: "acme-nameless", chektDealerId: 1, secret: null });
  await h.sql.query(
    `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, is_activated, search_text, dto,
                               confirmed_at, updated_at, station_id, account_number)
     VALUES ($1, 7, 'ext-7', '', true, '', '{}', now(), now(), 3, '1001')`,
    [linkId],
  );
  // v7 on the nameless site; v9 on site 1042, which the mirror has not seen at all.
  await h.sql.query(
    `INSERT INTO verifications (id, dealer_link_id, site_id, occurred_at, expires_at, created_at, updated_at)
     VALUES ('v7', $1, 7, now(), now() + interval '10 minutes', now(), now()),
            ('v9', $1, 1042, now() - interval '1 minute', now() + interval '10 minutes', now(), now())`,
    [linkId],
  );
}, 120_000);

afterAll(() => closeHookDb(h));

describe("a site without a name", () => {
  it("is Site 7 in the refusal of an account number it already uses", async () => {
    const { assertAccountNumberFree } = await import("@/lib/readiness/account");
    const refusal = await assertAccountNumberFree(linkId, 3, "1001").then(
      () => null,
      (e: { message: string; fieldErrors?: Record<string, string> }) => e,
    );
    expect(refusal?.message).toMatch(/^Account number 1001 is already used on this monitoring station by Site 7\. /);
    expect(refusal?.fieldErrors).toEqual({ account_number: "Already used on this station by Site 7." });
  });

  it("is Site 7 among the site import's accounts in use", async () => {
    const { prisma } = await import("@/lib/db");
    const { loadImportContext } = await import("@/lib/import/context");
    const { stationAccountKey } = await import("@/lib/readiness/account-number");
    const ctx = await loadImportContext(prisma, linkId);
    expect(ctx.accountsInUse).toEqual([[stationAccountKey(3, "1001"), "Site 7"]]);
  });

  it("is named in the history CSV as on the history page (SiteLink), mirrored or not", async () => {
    const { listHistory } = await import("@/lib/verifications/queries");
    const { historyCsv } = await import("@/lib/verifications/outcomes-history");
    const list = await listHistory(linkId, 1, {});
    const lines = historyCsv(list.items, new Map()).split("\r\n").slice(1, -1);
    expect(lines.map((l) => l.split(",").slice(1, 5))).toEqual([
      ["v7", "", "Site 7", "7"],
      ["v9", "", "Site 1042", "1042"],
    ]);
  });
});
