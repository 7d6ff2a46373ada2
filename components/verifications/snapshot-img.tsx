"use client";
import { useState } from "react";
import { ImageOff } from "lucide-react";
import { cn } from "@/components/ui";

/** A snapshot through our proxy; says so plainly when CHeKT no longer serves the image. */
export function SnapshotImg({ id, alt, className, testId }: { id: string; alt: string; className: string; testId?: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    return (
      <span className={cn("flex flex-col items-center justify-center gap-1 bg-slate-100 text-xs text-slate-500", className)} role="img" aria-label="Snapshot unavailable">
        <ImageOff className="h-4 w-4" aria-hidden="true" />
        unavailable
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- served by our own proxy route, private cache
    <img src={`/api/snapshots/${encodeURIComponent(id)}`} alt={alt} data-testid={testId} loading="lazy" onError={() => setFailed(true)} className={className} />
  );
}
