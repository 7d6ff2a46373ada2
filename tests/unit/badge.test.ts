// Badge's look lives in app/globals.css (.badge and one class per tone): every tone's class must be
// spelled out in full in components/ui/badge.tsx (Tailwind keeps only class names it finds there) and
// defined in the stylesheet, or that tone's badges render unstyled.
import fs from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const css = fs.readFileSync(path.join(__dirname, "../../app/globals.css"), "utf8");
const source = fs.readFileSync(path.join(__dirname, "../../components/ui/badge.tsx"), "utf8");
const TONES: BadgeTone[] = ["neutral", "info", "success", "warning", "danger"];

describe("Badge", () => {
  it.each(TONES)("%s: its classes are written out in badge.tsx and defined in globals.css", (tone) => {
    const html = renderToStaticMarkup(Badge({ tone, className: "ml-2", children: "Label" }));
    const classes = /class="([^"]*)"/.exec(html)![1]!.split(" ");
    expect(classes).toEqual(["badge", `badge-${tone}`, "ml-2"]);
    expect(source).toContain(`"badge badge-${tone}"`);
    for (const c of ["badge", `badge-${tone}`]) expect(css).toMatch(new RegExp(`\\.${c} \\{\\s*@apply [^;]+;`));
  });
});
