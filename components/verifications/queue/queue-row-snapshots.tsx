"use client";
import { Camera } from "lucide-react";
import type { QueueItem } from "@/lib/verifications/types";
import { SnapshotImg } from "@/components/verifications/snapshots/snapshot-img";

/** A queue row's last column: up to three snapshot thumbnails, or a stand-in until the first arrives. */
export function RowSnapshots({ snapshots, site }: { snapshots: QueueItem["snapshots"]; site: string }) {
  return (
    <div className="flex shrink-0 gap-2">
      {snapshots.length === 0 ? (
        <div
          className={"flex h-16 w-24 flex-col items-center justify-center rounded bg-slate-100 text-xs text-slate-700"}
        >
          <Camera className="h-5 w-5" aria-hidden="true" />
          No snapshot yet
        </div>
      ) : (
        snapshots
          .slice(0, 3)
          .map((s, n) => (
            <SnapshotImg
              key={s.id}
              id={s.id}
              alt={`Snapshot ${n + 1} of ${site}`}
              testId="snapshot-thumb"
              className="h-16 w-24 rounded object-cover ring-1 ring-slate-200"
            />
          ))
      )}
    </div>
  );
}
