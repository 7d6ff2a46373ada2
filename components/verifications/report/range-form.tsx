import Link from "next/link";
import { Button, buttonClasses, Input } from "@/components/ui";

/**
 * The range lives in the URL (a GET form), so a report can be bookmarked. On a phone the two days share
 * a line, Show spans the width under them and the shortcuts share the line below; on a wider screen
 * all of it is one line.
 */
export function ReportRangeForm({
  values,
  presets,
}: {
  values: { from: string; to: string };
  presets: { label: string; href: string }[];
}) {
  return (
    <form
      method="get"
      action="/verifications/report"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <div className="grid w-full grid-cols-2 gap-3 sm:flex sm:w-auto sm:items-end">
        <Input type="date" label="From" name="from" defaultValue={values.from} wrapperClassName="sm:w-40" />
        <Input type="date" label="To" name="to" defaultValue={values.to} wrapperClassName="sm:w-40" />
      </div>
      <Button type="submit" className="w-full sm:w-auto">
        Show
      </Button>
      {/* The links' own padding spaces them; on a phone the group reaches into the form's padding so the
          three fit one line and the first word lines up with the fields above. */}
      <div role="group" aria-label="Quick ranges" className="flex min-h-10 flex-wrap items-center max-sm:-mx-2.5">
        {presets.map((p) => (
          <Link key={p.label} href={p.href} className={buttonClasses("ghost", "sm")}>
            {p.label}
          </Link>
        ))}
      </div>
    </form>
  );
}
