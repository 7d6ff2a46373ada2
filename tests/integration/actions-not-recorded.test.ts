// An action whose commit fails after CHeKT accepted its write (lib/actions/client.ts): the user is
// told CHeKT has the change and that sending it again is safe, never "Nothing was saved"; the
// failure row and the server log say so too; and the resend records the change. The commit is made
// to fail in Postgres itself: a trigger refuses the create's success audit row, which rolls back the
// mapping and mirror row written in the same statement.
import "../support/console-mocks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OPERATOR } from "../support/sim-world";
import { simFile } from "../support/sim-file";
import { accepted, siteInput } from "../support/form-inputs";
import { testAuditRows } from "../support/audit-rows";

const world = simFile("actions_not_recorded_it", { members: [OPERATOR], user: OPERATOR });
let sites: typeof import("@/actions/sites");
const auditRows = testAuditRows(world);

const form = (external_site_id: string) =>
  siteInput({ name: "Harbour Depot", timezone: "Europe/London", monitoring_station_id: "1", external_site_id });
const simSitesWith = (ext: string) => [...world.sim.state.sites.values()].filter((s) => s.external_site_id === ext);
const mappings = (ext: string) =>
  world.prisma.externalIdMapping.count({ where: { dealerLinkId: world.linkId, kind: "site", externalId: ext } });

beforeAll(async () => {
  sites = await import("@/actions/sites");
});

/** Every success row of sites.create is refused until `allowCommits`: the action's commit fails. */
async function failCommits() {
  await world.prisma.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION test_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.action = 'sites.create' AND NEW.outcome = 'success' THEN
        RAISE EXCEPTION 'test: the commit fails';
      END IF;
      RETURN NEW;
    END $$`);
  await world.prisma.$executeRawUnsafe(
    `CREATE OR REPLACE TRIGGER test_refuse_commit BEFORE INSERT ON audit_log
       FOR EACH ROW EXECUTE FUNCTION test_refuse_commit()`,
  );
}
const allowCommits = () => world.prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_refuse_commit ON audit_log`);
afterEach(allowCommits);

describe("a commit that fails after CHeKT accepted the write", () => {
  it("says CHeKT has the change and a resend is safe; the resend records it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await failCommits();
    const r = await sites.createSiteAction(form("unrecorded-1"));
    expect(r?.data).toBeUndefined();
    expect(r?.serverError?.code).toBe("not_recorded");
    expect(r?.serverError?.message).toMatch(/^CHeKT accepted the change, but the console could not record it/);
    expect(r?.serverError?.message).not.toMatch(/Nothing was saved/);
    expect(simSitesWith("unrecorded-1")).toHaveLength(1);
    expect(await mappings("unrecorded-1")).toBe(0);
    const rows = await auditRows("sites.create");
    expect(rows.map((a) => a.outcome)).toEqual(["failure"]);
    expect(rows[0]!.error).toMatch(/^not_recorded: CHeKT accepted the change/);
    const logged = log.mock.calls.map(([line]) => String(line)).find((l) => l.includes('"action.failed"'));
    expect(logged && JSON.parse(logged)).toMatchObject({
      action: "sites.create",
      code: "not_recorded",
      error: expect.stringMatching(/the commit fails/),
    });
    log.mockRestore();

    await allowCommits();
    const again = accepted(await sites.createSiteAction(form("unrecorded-1")));
    expect(again).toMatchObject({ site_id: simSitesWith("unrecorded-1")[0]!.site_id });
    expect(simSitesWith("unrecorded-1")).toHaveLength(1);
    expect(await mappings("unrecorded-1")).toBe(1);
  });

  it("a failure on our side before any write, or outside an action, still says nothing was saved", async () => {
    const { toActionFailure } = await import("@/lib/actions/client");
    const { noteWriteAccepted, runInteractive } = await import("@/lib/chekt/budget-wait");
    const db = new Error("db down");
    expect(toActionFailure(db)).toMatchObject({
      code: "internal",
      message: expect.stringMatching(/Nothing was saved/),
    });
    expect(await runInteractive(async () => toActionFailure(db))).toMatchObject({ code: "internal" });
    expect(await runInteractive(async () => (noteWriteAccepted(), toActionFailure(db)))).toMatchObject({
      code: "not_recorded",
    });
  });
});
