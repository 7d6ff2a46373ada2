import { Spinner } from "@/components/ui";

/**
 * What a list page shows while its rows stream in after the header and filters: the first bytes
 * of the page do not wait on the list's queries (app/(console)/sites/page.tsx, fleet/page.tsx).
 */
export function ListLoading({ label }: { label: string }) {
  return (
    <div
      role="status"
      className="flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-700"
    >
      <Spinner />
      <span>{label}</span>
    </div>
  );
}
