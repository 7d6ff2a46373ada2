import Link from "next/link";
import { buttonClasses } from "@/components/ui";

const input =
  "mt-1 block w-full rounded-md border-0 bg-white py-1.5 text-sm text-slate-900 shadow-sm ring-1 " +
  "ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600";

/** The range lives in the URL (a GET form), so a report can be bookmarked; the CSV takes the same range. */
export function ReportRangeForm({
  values,
  csvHref,
  presets,
}: {
  values: { from: string; to: string };
  csvHref: string | null;
  presets: { label: string; href: string }[];
}) {
  return (
    <form
      method="get"
      action="/verifications/report"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label className="text-sm text-slate-700">
        From
        <input type="date" name="from" defaultValue={values.from} className={input} />
      </label>
      <label className="text-sm text-slate-700">
        To
        <input type="date" name="to" defaultValue={values.to} className={input} />
      </label>
      <button type="submit" className={buttonClasses("primary", "sm")}>
        Show
      </button>
      {presets.map((p) => (
        <Link key={p.label} href={p.href} className={buttonClasses("ghost", "sm")}>
          {p.label}
        </Link>
      ))}
      {csvHref ? (
        <a href={csvHref} download className={`${buttonClasses("secondary", "sm")} ml-auto`}>
          Export CSV
        </a>
      ) : null}
    </form>
  );
}
