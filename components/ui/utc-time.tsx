// An instant as lib/utc-text.ts writes it, in a <time> carrying the exact instant. No hooks, so server
// pages and client components alike show instants through it. A string is read as CHeKT's times are
// (lib/chekt/normalize.ts: ISO, or "YYYY-MM-DD HH:MM:SS" in UTC), never in the machine's own zone.
import { toDate } from "@/lib/chekt/normalize";
import { cn } from "./cn";
import { utcBrief, utcClock, utcParts, utcText, type UtcPrecision } from "@/lib/utc-text";

/**
 * How much of the instant to write: `full` the day and time (utcText), `clock` the time of day alone,
 * `brief` the time alone when it is today (the freshness line), `stacked` the day above the time of day
 * to the second, for a narrow column (the audit's).
 */
export type UtcForm = "full" | "clock" | "brief" | "stacked";

/** An instant as utcText writes it (or as `form` says); no instant is "—", an unreadable one is shown as sent. */
export function UtcTime({
  at,
  precision,
  form = "full",
  className,
}: {
  at: Date | string | null | undefined;
  precision?: UtcPrecision;
  form?: UtcForm;
  className?: string;
}) {
  if (!at) return <>—</>;
  const instant = toDate(at);
  if (!instant) return <>{String(at)}</>;
  return (
    // Never broken inside the day ("2026-12-" / "03"): the text is short enough to keep whole.
    <time dateTime={instant.toISOString()} className={cn("whitespace-nowrap", className)}>
      {form === "stacked" ? <Stacked {...utcParts(instant, "second")} /> : written(instant, form, precision)}
    </time>
  );
}

function written(at: Date, form: Exclude<UtcForm, "stacked">, precision?: UtcPrecision): string {
  if (form === "clock") return utcClock(at, precision);
  if (form === "brief") return utcBrief(at, new Date());
  return utcText(at, precision);
}

function Stacked({ day, time }: { day: string; time: string }) {
  return (
    <>
      <span className="block">{day}</span>
      <span className="block text-xs text-slate-500">{time} UTC</span>
    </>
  );
}
