import { describe, expect, it } from "vitest";
import { isConnected } from "@/lib/dealer-connected";

const at = (iso: string) => new Date(iso);

describe("isConnected: the one rule", () => {
  it("never connected → no; connected and never disconnected → yes", () => {
    expect(isConnected({ connectedAt: null, disconnectedAt: null })).toBe(false);
    expect(isConnected({ connectedAt: at("2026-01-01"), disconnectedAt: null })).toBe(true);
  });
  it("disconnected after connecting → no; reconnected after an older disconnect → yes", () => {
    expect(isConnected({ connectedAt: at("2026-01-01"), disconnectedAt: at("2026-02-01") })).toBe(false);
    expect(isConnected({ connectedAt: at("2026-03-01"), disconnectedAt: at("2026-02-01") })).toBe(true);
    expect(isConnected({ connectedAt: null, disconnectedAt: at("2026-02-01") })).toBe(false);
  });
});
