"use client";
import { useState } from "react";
import type { QueueItem } from "@/lib/verifications/types";
import { siteLabel } from "@/lib/site-label";
import { SnapshotImg } from "./snapshot-img";

/** The alarm's snapshot, large, and (when it has more) a row of thumbnails that choose which. */
export function SnapshotViewer({ item }: { item: QueueItem }) {
  const [picked, setPicked] = useState(item.snapshots[0]?.id ?? null);
  // Until the operator picks, the first snapshot (which may arrive after the view opened).
  const large = picked ?? item.snapshots[0]?.id ?? null;
  return (
    <>
      {large ? (
        <SnapshotImg
          key={large}
          id={large}
          alt={`Snapshot of ${siteLabel(item.siteId, item.siteName)}, large`}
          testId="snapshot-large"
          allowRetry
          className="max-h-[45vh] min-h-40 w-full rounded object-contain"
          imageClassName="bg-slate-900"
        />
      ) : (
        <p className="rounded bg-slate-100 p-6 text-center text-sm text-slate-700">
          No snapshot yet; it appears here as soon as CHeKT sends it.
        </p>
      )}
      {item.snapshots.length > 1 ? (
        <div className="flex gap-2 overflow-x-auto" role="group" aria-label="Snapshots of this alarm">
          {item.snapshots.map((s, n) => (
            <button
              key={s.id}
              type="button"
              aria-pressed={s.id === large}
              onClick={() => setPicked(s.id)}
              className={s.id === large ? "rounded ring-2 ring-indigo-500" : "rounded ring-1 ring-slate-200"}
            >
              <SnapshotImg
                id={s.id}
                alt={`Snapshot ${n + 1} of ${item.snapshots.length}`}
                className="h-14 w-20 rounded object-cover"
              />
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
