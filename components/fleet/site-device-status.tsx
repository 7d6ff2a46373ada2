import Link from "next/link";
import type { SiteDeviceCounts } from "@/lib/fleet/read";

/**
 * "3 online · 1 offline · 0 unknown" for one site, linking to its devices on the fleet page; a narrow column
 * breaks it between the counts, never inside one.
 */
export function SiteDeviceStatus({
  siteId,
  counts,
  compact = false,
}: {
  siteId: number;
  counts: SiteDeviceCounts | undefined;
  compact?: boolean;
}) {
  const c = counts ?? { online: 0, offline: 0, unknown: 0 };
  if (c.online + c.offline + c.unknown === 0) return <span className="text-slate-500">No devices</span>;
  const unknown = !compact || c.unknown > 0;
  return (
    <Link
      href={`/fleet?site=${siteId}`}
      className="text-slate-800 underline decoration-slate-300 hover:text-indigo-800"
      data-testid="site-device-status"
    >
      <span className="whitespace-nowrap">
        <span className="text-emerald-700">{c.online} online</span> ·
      </span>{" "}
      <span className="whitespace-nowrap">
        <span className={c.offline ? "font-semibold text-red-700" : undefined}>{c.offline} offline</span>
        {unknown ? " ·" : null}
      </span>
      {unknown ? (
        <>
          {" "}
          <span className="whitespace-nowrap">{c.unknown} unknown</span>
        </>
      ) : null}
    </Link>
  );
}
