// Not in charts.tsx: that module is "use client", and a plain value a server page imports from a
// client module arrives as a client reference, not the object (every colour read as undefined, and
// Recharts drew every bar and legend swatch black).

/** Colours with at least 3:1 against white, told apart by hue and by the legend's words. */
export const COLORS = {
  dispatched: "#b91c1c",
  disregarded: "#475569",
  expired: "#b45309",
  open: "#4338ca",
  median: "#4f46e5",
  p90: "#0f766e",
  total: "#334155",
};
