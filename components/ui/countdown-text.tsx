import type { ReactNode } from "react";

/**
 * A line that counts down, for a screen reader: `steady` is a live region whose words stay the same while
 * the count runs, so it is announced once (and again only when those words change); `ticking` follows it
 * outside the region, read by whoever reads the line but never announced at each second.
 */
export function CountdownText({ steady, ticking, testId }: { steady: ReactNode; ticking: ReactNode; testId?: string }) {
  return (
    <span data-testid={testId}>
      <span role="status">{steady}</span>
      {ticking}
    </span>
  );
}
