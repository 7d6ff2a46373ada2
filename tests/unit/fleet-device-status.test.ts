// A device's status by the console's one rule (lib/fleet/device-status.ts): online and offline as
// CHeKT says, anything else unknown (its SQL twin is held to the same in Postgres by
// tests/integration/fleet-readiness.test.ts); and the one badge that shows it
// (components/fleet/status-badge.tsx), in the fleet table and the device grid.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { deviceStatus } from "@/lib/fleet/device-status";
import { DeviceStatusBadge } from "@/components/fleet/status-badge";

const WORDS = ["online", "offline", null, undefined, "", "rebooting", "Online", "OFFLINE", "unknown", " online"];

describe("deviceStatus", () => {
  it("online and offline are CHeKT's words exactly; everything else is unknown", () => {
    expect(WORDS.map(deviceStatus)).toEqual([
      "online",
      "offline",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
    ]);
  });
});

describe("DeviceStatusBadge", () => {
  const html = (status: string | null) => renderToStaticMarkup(DeviceStatusBadge({ status }));

  it("Online, Offline and Unknown with a word and a tone", () => {
    expect(html("online")).toBe('<span class="badge badge-success">Online</span>');
    expect(html("offline")).toBe('<span class="badge badge-danger">Offline</span>');
    expect(html(null)).toBe('<span class="badge badge-neutral">Unknown</span>');
    expect(html("unknown")).toBe('<span class="badge badge-neutral">Unknown</span>');
  });

  it("a word CHeKT sent that we do not know is Unknown, never red, and stays readable beside it", () => {
    const h = html("rebooting");
    expect(h).toContain('<span class="badge badge-neutral">Unknown</span>');
    expect(h.replace(/<[^>]+>/g, "")).toBe("Unknown(CHeKT: rebooting)");
    expect(h).not.toContain("danger");
  });
});
