// CHeKT writes timestamps as ISO or as "YYYY-MM-DD HH:MM:SS" in UTC; both read as the viewer's local time.
export function fmtDate(v: string | null | undefined) {
  if (!v) return "—";
  const d = new Date(v.includes("T") ? v : v.replace(" ", "T") + "Z");
  return Number.isNaN(d.getTime()) ? v : d.toLocaleString();
}
