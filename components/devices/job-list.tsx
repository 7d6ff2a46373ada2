import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui";

type JobRow = { id: string; kind: "create" | "update" | "delete"; state: string; total: number; succeeded: number; failed: number; createdAt: Date; finishedAt: Date | null; createdByEmail: string | null };

const TONE: Record<string, BadgeTone> = { queued: "neutral", running: "info", done: "success", failed: "danger", cancelled: "warning" };
const KIND = { create: "Provision", update: "Update", delete: "Delete" } as const;

/** A site's bulk jobs, newest first; each row opens the job's page. */
export function JobList({ siteId, jobs }: { siteId: number; jobs: JobRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-sm" aria-label="Device jobs">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th className="px-4 py-2">Started</th>
            <th className="px-4 py-2">Kind</th>
            <th className="px-4 py-2">State</th>
            <th className="px-4 py-2 text-right">Devices</th>
            <th className="px-4 py-2 text-right">Succeeded</th>
            <th className="px-4 py-2 text-right">Failed</th>
            <th className="px-4 py-2">By</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} className="border-t border-slate-100 hover:bg-slate-50">
              <td className="px-4 py-2">
                <Link href={`/sites/${siteId}/devices/jobs/${j.id}`} className="text-indigo-700 underline-offset-2 hover:underline">
                  {j.createdAt.toLocaleString()}
                </Link>
              </td>
              <td className="px-4 py-2">{KIND[j.kind]}</td>
              <td className="px-4 py-2">
                <Badge tone={TONE[j.state] ?? "neutral"}>{j.state}</Badge>
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{j.total}</td>
              <td className="px-4 py-2 text-right tabular-nums text-emerald-700">{j.succeeded}</td>
              <td className="px-4 py-2 text-right tabular-nums text-red-700">{j.failed || ""}</td>
              <td className="px-4 py-2 text-slate-600">{j.createdByEmail ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
