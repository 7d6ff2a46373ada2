import { cn } from "@/components/ui";
import { diffJson, show, type DiffLine } from "@/lib/settings/diff";

/** The Before and After cells: each is marked when its side of the line differs (red gone, green new). */
const SIDES: readonly { side: "before" | "after"; marked: readonly DiffLine["change"][]; tone: string }[] = [
  { side: "before", marked: ["changed", "removed"], tone: "bg-red-50 text-red-800" },
  { side: "after", marked: ["changed", "added"], tone: "bg-emerald-50 text-emerald-800" },
];

/**
 * Before/after of one audit row; unchanged fields are dimmed so the change stands out. Not a DataTable: it is
 * one record's fields side by side inside an audit row's cell (a DataTable itself), each side's cell marked on
 * its own, in a fixed, compact split the list table's padding, hover and own scroll box would not fit.
 */
export function DiffViewer({ before, after }: { before: unknown; after: unknown }) {
  const lines = diffJson(before, after);
  if (lines.length === 0) return <p className="text-sm text-slate-500">No before/after recorded.</p>;
  return (
    <table className="w-full table-fixed text-xs" data-testid="diff">
      <caption className="sr-only">Before and after, field by field</caption>
      <thead>
        <tr className="text-left text-slate-500">
          <th scope="col" className="w-1/4 py-1 pr-2 font-medium">
            Field
          </th>
          <th scope="col" className="w-3/8 py-1 pr-2 font-medium">
            Before
          </th>
          <th scope="col" className="w-3/8 py-1 font-medium">
            After
          </th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {lines.map((l) => (
          <tr
            key={l.path}
            data-change={l.change}
            className={cn("border-t border-slate-100 align-top", l.change === "same" && "text-slate-400")}
          >
            <td className="break-all py-1 pr-2">{l.path}</td>
            {SIDES.map(({ side, marked, tone }) => (
              <td
                key={side}
                className={cn("break-all py-1", side === "before" && "pr-2", marked.includes(l.change) && tone)}
              >
                {show(l[side])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
