import { describe, expect, it } from "vitest";
import { longLines, MAX_LINE } from "../../scripts/line-length";

describe("line-length check", () => {
  it("reports each line over the limit with its number and length", () => {
    const text = ["short", "x".repeat(MAX_LINE), "y".repeat(MAX_LINE + 1)].join("\n");
    expect(longLines("a.ts", text)).toEqual([{ file: "a.ts", line: 3, length: MAX_LINE + 1 }]);
  });

  it("exempts a line holding a URL, which cannot be wrapped", () => {
    const url = `// see https://example.com/${"p".repeat(MAX_LINE)}`;
    expect(longLines("a.ts", url)).toEqual([]);
    expect(longLines("a.ts", `// see example.com/${"p".repeat(MAX_LINE)}`)).toHaveLength(1);
  });
});
