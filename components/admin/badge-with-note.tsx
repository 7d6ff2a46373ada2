import { Badge } from "@/components/ui";
import type { BadgeTone } from "@/components/ui/badge";

/**
 * A log row's state as a badge, with what went wrong under it when there is something to say (the
 * audit history's outcome and error, the webhook log's verdict and reason).
 */
export function BadgeWithNote({
  value,
  tones,
  note,
  noteClassName = "text-slate-600",
}: {
  value: string;
  tones: Readonly<Record<string, BadgeTone>>;
  note?: string | null;
  noteClassName?: string;
}) {
  return (
    <>
      <Badge tone={tones[value] ?? "neutral"}>{value}</Badge>
      {note ? <div className={`mt-1 max-w-xs text-xs ${noteClassName}`}>{note}</div> : null}
    </>
  );
}
