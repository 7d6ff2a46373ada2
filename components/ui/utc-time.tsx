// An instant as lib/utc-text.ts writes it, in a <time> carrying the exact instant. No hooks, so server
// pages and client components alike show instants through it.
import { utcClock, utcParts, utcText, type UtcPrecision } from "@/lib/utc-text";

/**
 * An instant as utcText writes it; no instant is "—". `clock` writes the time of day alone; `stacked`
 * puts the day above the time of day, to the second, for a narrow column (the audit's).
 */
export function UtcTime({
  at,
  precision,
  clock,
  stacked,
  className,
}: {
  at: Date | string | null | undefined;
  precision?: UtcPrecision;
  clock?: boolean;
  stacked?: boolean;
  className?: string;
}) {
  if (!at) return <>—</>;
  const instant = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return <>{String(at)}</>;
  return (
    <time dateTime={instant.toISOString()} className={className}>
      {stacked ? (
        <Stacked {...utcParts(instant, "second")} />
      ) : clock ? (
        utcClock(instant, precision)
      ) : (
        utcText(instant, precision)
      )}
    </time>
  );
}

function Stacked({ day, time }: { day: string; time: string }) {
  return (
    <>
      <span className="block whitespace-nowrap">{day}</span>
      <span className="block whitespace-nowrap text-xs text-slate-500">{time} UTC</span>
    </>
  );
}
