import { describe, expect, it } from "vitest";
import { fleetSettingsSchema } from "@/lib/fleet/settings-schema";

const smtp = (o: Record<string, unknown>) =>
  fleetSettingsSchema.safeParse({
    offlineThresholdMin: 15,
    smtpHost: "smtp.example.com",
    smtpPort: 587,
    smtpFrom: "alerts@example.com",
    ...o,
  });

describe("fleet SMTP recipients", () => {
  it("are lower-cased like every email of the console, so one address differently cased gets one mail", () => {
    const r = smtp({ smtpRecipients: "Ops@Example.com, ops@example.com; B@x.com" });
    expect(r.success && r.data.smtpRecipients).toEqual(["ops@example.com", "b@x.com"]);
  });

  it("refuse the first address that is not one, by name", () => {
    const r = smtp({ smtpRecipients: "ops@example.com, not-an-address, also bad" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['"not-an-address" is not an email address']);
  });

  it("count distinct addresses against the limit of 20", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `ops${i}@example.com`);
    expect(smtp({ smtpRecipients: [...twenty, ...twenty.map((e) => e.toUpperCase())].join(",") }).success).toBe(true);
    expect(smtp({ smtpRecipients: [...twenty, "one-more@example.com"].join(",") }).success).toBe(false);
  });

  it("the sender is read by the same rule", () => {
    const r = smtp({ smtpFrom: " Alerts@Example.com ", smtpRecipients: "ops@example.com" });
    expect(r.success && r.data.smtpFrom).toBe("alerts@example.com");
    expect(smtp({ smtpFrom: "alerts", smtpRecipients: "ops@example.com" }).success).toBe(false);
  });
});
