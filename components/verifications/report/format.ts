/** Seconds as an operator reads them: "45 s", "2 min 05 s", "1 h 02 min"; "—" when nothing reached the step. */
export function fmtSeconds(s: number | null): string {
  if (s === null) return "—";
  if (s < 90) return `${Math.round(s * 10) / 10} s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
  return `${Math.floor(whole / 3600)} h ${String(Math.floor((whole % 3600) / 60)).padStart(2, "0")} min`;
}

/** "08:00–08:59 UTC" for hour 8. */
export const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00–${String(h).padStart(2, "0")}:59`;
