// How the console writes an instant it rendered on the server: "2026-12-03 14:34 UTC" (or with seconds
// where the order of events within a minute matters), in a <time> carrying the exact instant. UTC because
// the server does not know the reader's zone; a site's own clock is formatInZone (components/sites/format.ts).

export type UtcPrecision = "minute" | "second";

/** "2026-12-03 14:34 UTC", or "2026-12-03 14:34:52 UTC" to the second. */
export function utcText(at: Date, precision: UtcPrecision = "minute"): string {
  return `${at
    .toISOString()
    .slice(0, precision === "second" ? 19 : 16)
    .replace("T", " ")} UTC`;
}

/** An instant as utcText writes it, in a <time>; no instant is "—". */
export function UtcTime({
  at,
  precision,
  className,
}: {
  at: Date | string | null | undefined;
  precision?: UtcPrecision;
  className?: string;
}) {
  if (!at) return <>—</>;
  const instant = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(instant.getTime())) return <>{String(at)}</>;
  return (
    <time dateTime={instant.toISOString()} className={className}>
      {utcText(instant, precision)}
    </time>
  );
}
