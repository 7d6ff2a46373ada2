"use client";
import { useHydrated } from "@/components/ui/use-hydrated";
import { timeZones } from "@/lib/schemas/timezones";

/**
 * The time-zone field's suggestions (some 430 zones), filled in the browser from the engine's own
 * list (lib/schemas/timezones.ts, already in the site form's bundle). Rendered on the server they
 * were 430 elements in every /sites view, twice (HTML and RSC payload, ~50 KB of ~200 KB) and a
 * large share of its render; without JavaScript the field still takes a typed zone.
 */
export function ZoneList({ id }: { id: string }) {
  const inBrowser = useHydrated();
  return <datalist id={id}>{inBrowser ? timeZones().map((z) => <option key={z} value={z} />) : null}</datalist>;
}
