"use client";
import { cn } from "@/components/ui";
import { SnapshotPlaceholder } from "./snapshot-placeholder";
import { useSnapshot } from "./use-snapshot";

/** A snapshot through our route (use-snapshot.ts), or its placeholder while it loads or when it cannot. */
export function SnapshotImg({
  id,
  alt,
  className,
  imageClassName,
  testId,
  allowRetry = false,
}: {
  id: string;
  alt: string;
  /** Size and shape, for the image and its placeholder alike. */
  className: string;
  /** Only on the loaded image (e.g. a dark backdrop behind a letterboxed picture). */
  imageClassName?: string;
  testId?: string;
  allowRetry?: boolean;
}) {
  const { phase, retry } = useSnapshot(id);
  if (phase.kind === "ready") {
    // eslint-disable-next-line @next/next/no-img-element -- bytes from our own route, shown through an object URL
    return <img src={phase.url} alt={alt} data-testid={testId} className={cn(className, imageClassName)} />;
  }
  return <SnapshotPlaceholder phase={phase} className={className} onRetry={allowRetry ? retry : undefined} />;
}
