import { describe, expect, it } from "vitest";
import { formatInZone, text } from "@/components/sites/format";

describe("times in the site's own time zone", () => {
  it("reads CHeKT's list date format as UTC and shows it in the site's zone", () => {
    expect(formatInZone("2025-01-01 00:00:00", "Asia/Seoul")).toBe("Jan 1, 2025, 9:00 AM GMT+9");
    expect(formatInZone("2025-01-01T00:00:00.000Z", "America/New_York")).toBe("Dec 31, 2024, 7:00 PM EST");
  });
  it("falls back to UTC for a zone the engine does not know, and shows unreadable values as they are", () => {
    expect(formatInZone("2025-01-01 00:00:00", "Mars/Base")).toBe("Jan 1, 2025, 12:00 AM UTC");
    expect(formatInZone("soon", "UTC")).toBe("soon");
    expect(formatInZone(null, "UTC")).toBe("—");
  });
  it("answers the same from its per-zone formatters on later calls, an unknown zone's UTC included", () => {
    for (let i = 0; i < 2; i++) {
      expect(formatInZone("2025-01-01 00:00:00", "Mars/Base")).toBe("Jan 1, 2025, 12:00 AM UTC");
      expect(formatInZone("2025-01-01 00:00:00", "Asia/Seoul")).toBe("Jan 1, 2025, 9:00 AM GMT+9");
      expect(formatInZone("2025-07-01 00:00:00", "America/New_York")).toBe("Jun 30, 2025, 8:00 PM EDT");
      expect(formatInZone("2025-07-01 00:00:00", "")).toBe("Jul 1, 2025, 12:00 AM UTC");
    }
  });
  it("shows a dash for empty text", () => {
    expect(text("  ")).toBe("—");
    expect(text("x")).toBe("x");
  });
});
