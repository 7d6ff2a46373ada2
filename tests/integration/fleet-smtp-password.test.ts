// The stored SMTP password goes only to the server it was entered for (actions/fleet-settings.ts): an empty password
// field keeps it while the host and the user stay the same; a new host or user needs it typed again (or forgotten),
// else an admin could point the alerts at a server of their choosing and receive the password at its login.
import "../support/console-mocks";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { session } from "../support/session";
import { cookieJar as jar } from "../support/next-headers";
import { ADMIN } from "../support/sim-world";
import { dbFile } from "../support/db-file";
import { addMembers } from "../support/members";
import { testAuditRows } from "../support/audit-rows";
import { decryptSecret } from "@/lib/secrets";

const world = dbFile("chekt_fleet_smtp", { chektDealerId: 1, externalDealerId: "acme-security", companyName: "Acme" });
const auditRows = testAuditRows(world);
let save: typeof import("@/actions/fleet-settings").saveFleetSettingsAction;

const FORM = {
  offlineThresholdMin: "30",
  smtpHost: "smtp.example.com",
  smtpPort: "587",
  smtpUser: "alerts",
  smtpPassword: "",
  smtpFrom: "console@example.com",
  smtpRecipients: "ops@example.com",
};

beforeAll(async () => {
  await addMembers(world.prisma, world.linkId, [ADMIN]);
  save = (await import("@/actions/fleet-settings")).saveFleetSettingsAction;
});

// Each test starts from settings saved with a password for smtp.example.com as "alerts".
beforeEach(async () => {
  session.user = ADMIN;
  jar.set("dealer_link", world.linkId);
  await world.prisma.fleetSettings.deleteMany();
  expect((await save({ ...FORM, smtpPassword: "s3cret" }))?.serverError).toBeUndefined();
});

const stored = () => world.prisma.fleetSettings.findUniqueOrThrow({ where: { dealerLinkId: world.linkId } });
const password = async () => {
  const sealed = (await stored()).smtpPasswordSealed;
  return sealed ? decryptSecret(sealed, process.env.SECRETS_ENCRYPTION_KEY!) : null;
};

describe("the stored SMTP password", () => {
  it("is kept when the host and the user stay the same", async () => {
    const r = await save({ ...FORM, offlineThresholdMin: "45", smtpHost: "SMTP.example.com", smtpPort: "465" });
    expect(r?.serverError).toBeUndefined();
    expect(await password()).toBe("s3cret");
  });

  for (const [what, change] of [
    ["host", { smtpHost: "mail.attacker.example" }],
    ["user", { smtpUser: "someone-else" }],
  ] as const) {
    it(`must be typed again when the ${what} changes: nothing is saved without it`, async () => {
      const r = await save({ ...FORM, ...change });
      expect(r?.serverError).toMatchObject({
        code: "invalid_input",
        fieldErrors: { smtpPassword: expect.any(String) },
      });
      expect(r?.serverError?.message).toMatch(/enter (it|the password) again/i);
      expect(await stored()).toMatchObject({ smtpHost: "smtp.example.com", smtpUser: "alerts" });
      expect(await password()).toBe("s3cret");
      expect((await auditRows("settings.fleet")).at(-1)?.outcome).toBe("failure");
    });

    it(`is replaced by the one typed with a new ${what}, or forgotten`, async () => {
      expect((await save({ ...FORM, ...change, smtpPassword: "n3w" }))?.serverError).toBeUndefined();
      expect(await password()).toBe("n3w");
      await save({ ...FORM, smtpPassword: "s3cret" });
      expect((await save({ ...FORM, ...change, clearSmtpPassword: true }))?.serverError).toBeUndefined();
      expect(await stored()).toMatchObject({ ...change, smtpPasswordSealed: null });
    });
  }

  it("is dropped with the host or the user (there is no login to send it to)", async () => {
    expect((await save({ ...FORM, smtpUser: "" }))?.serverError).toBeUndefined();
    expect(await stored()).toMatchObject({ smtpUser: null, smtpPasswordSealed: null });
    await save({ ...FORM, smtpPassword: "s3cret" });
    const off = { ...FORM, smtpHost: "", smtpPort: "", smtpFrom: "", smtpRecipients: "" };
    expect((await save(off))?.serverError).toBeUndefined();
    expect(await stored()).toMatchObject({ smtpHost: null, smtpPasswordSealed: null });
  });
});
