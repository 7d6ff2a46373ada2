// next.config.ts as `next start` reads it: responses leave the app uncompressed (a reverse proxy in
// front compresses them, README "Running in production"), and nothing else changes with the phase.
import { describe, expect, it } from "vitest";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import nextConfig from "../../next.config";

describe("next.config.ts", () => {
  it("turns off Next's own gzip", () => {
    expect(nextConfig(PHASE_PRODUCTION_BUILD).compress).toBe(false);
  });
});
