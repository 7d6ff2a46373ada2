// What a snapshot image is known by in the store and among the fetches in flight: CHeKT's snapshot id for
// CHeKT's own image URL (any signature), else the URL itself, hashed.
import { describe, expect, it } from "vitest";
import { snapshotImageKey } from "@/lib/verifications/snapshot-key";

const CHEKT = "https://api.chekt.test";
const signed = (id: string, exp: number, sig: string) => `${CHEKT}/v1/snapshots/${id}/image?exp=${exp}&sig=${sig}`;

describe("snapshotImageKey", () => {
  it("is CHeKT's snapshot id for CHeKT's image URL, whatever its signature", () => {
    expect(snapshotImageKey(signed("snap_12", 1800000000, "ab12"), CHEKT)).toBe("snap_12");
    expect(snapshotImageKey(signed("snap_12", 1800086400, "cd34"), CHEKT)).toBe("snap_12");
  });

  it("is the URL's hash for any other host or path, the same for the same URL only", () => {
    const elsewhere = "https://cdn.example.test/v1/snapshots/snap_12/image?exp=1&sig=2";
    const key = snapshotImageKey(elsewhere, CHEKT);
    expect(key).toMatch(/^url:[0-9a-f]{64}$/);
    expect(snapshotImageKey(elsewhere, CHEKT)).toBe(key);
    expect(snapshotImageKey(elsewhere.replace("sig=2", "sig=3"), CHEKT)).not.toBe(key);
    expect(snapshotImageKey(`${CHEKT}/snap.jpg`, CHEKT)).toMatch(/^url:/);
    expect(snapshotImageKey(`${CHEKT}/v1/snapshots/snap_12`, CHEKT)).toMatch(/^url:/);
    expect(snapshotImageKey("not a url", CHEKT)).toMatch(/^url:/);
  });
});
