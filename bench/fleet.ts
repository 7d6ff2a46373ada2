// /fleet TTFB for a dealer with 20,000 devices (issue 15's goal: p95 ≤ 80 ms): the real page
// (`next start`, signed in) reading the real Postgres. Prints figures; asserts nothing.
//
//   node --import tsx bench/fleet.ts            (or import { runFleetBench } from here)
//
// Needs a production build in BENCH_DIST_DIR (default .next-test; built when missing). Env:
// DATABASE_URL or TEST_PG_ADMIN_URL names the Postgres server (a fresh database is created and
// dropped); BENCH_DEVICES (20000), BENCH_RUNS (each URL, 8).
//
// The app's first sweep fills the mirror from the simulator's seed; then 2,000 sites and 20,000
// devices are written into the mirror in SQL (a fifth offline with spells from minutes to weeks, a
// tenth never reported, four firmware versions), as device.* webhooks and sweeps would leave them.
// Filling them through the simulator would take the sweep hours on any rate limit, and the page
// reads only the mirror. The next sweep (15 min later) would mark them gone; the bench ends first.
import { runIfMain } from "./http";
import { listBenchSummary, runListBench } from "./list-page";
import type { ListBenchOptions, ListBenchResult } from "./list-page";

export type FleetBenchResult = ListBenchResult<"devices", "range">;

export async function runFleetBench(opts: ListBenchOptions & { devices?: number } = {}): Promise<FleetBenchResult> {
  const devices = opts.devices ?? Number(process.env.BENCH_DEVICES || 20_000);
  const figures = await runListBench({
    ...opts,
    path: "/fleet",
    urls: [
      "/fleet",
      "/fleet?page=150&per=100",
      "/fleet?status=offline",
      "/fleet?offlineFor=60",
      "/fleet?offlineFor=10080&type=camera",
      "/fleet?firmware=2.14.1&per=200",
      "/fleet?site=100500",
      "/fleet?status=unknown&type=bridge",
    ],
    afterApp: async ({ dbUrl }) => {
      const pgc = new (await import("pg")).default.Client({ connectionString: dbUrl });
      await pgc.connect();
      try {
        const { rows: links } = await pgc.query<{ id: string }>(
          "SELECT id FROM dealer_links WHERE chekt_dealer_id = 1",
        );
        const link = links[0]!.id;
        for (const t0 = Date.now(); ;) {
          const { rows } = await pgc.query<{ f: Date | null }>(
            "SELECT finished_at AS f FROM mirror_syncs WHERE dealer_link_id = $1",
            [link],
          );
          if (rows[0]?.f) break;
          if (Date.now() - t0 > 300_000) throw new Error("the app's first sweep did not finish in 5 minutes");
          await new Promise((r) => setTimeout(r, 1000));
        }
        await pgc.query(
          `INSERT INTO mirror_sites (dealer_link_id, chekt_id, external_id, name, account_number, station_id,
              is_activated, timezone, search_text, dto, confirmed_at, updated_at)
           SELECT $1, 100000 + g, 'bench-site-' || g, 'Bench Site ' || lpad(g::text, 4, '0'), (500000 + g)::text, 1,
             true, 'UTC', 'bench site ' || g, '{}'::jsonb, now(), now()
             FROM generate_series(1, 2000) g`,
          [link],
        );
        await pgc.query(
          `INSERT INTO mirror_devices (dealer_link_id, chekt_id, site_id, external_id, name, device_type, status,
              status_at, last_seen_at, firmware, firmware_at, dto, confirmed_at, updated_at)
           SELECT $1, 1000000 + g, 100001 + (g % 2000), 'bench-dev-' || g, 'Bench Camera ' || g,
                  CASE WHEN g % 10 = 0 THEN 'bridge' ELSE 'camera' END,
                  CASE WHEN g % 10 = 1 THEN NULL WHEN g % 5 = 2 THEN 'offline' ELSE 'online' END,
                  CASE WHEN g % 10 = 1 THEN NULL ELSE now() - (g % 20000) * interval '1 minute' END,
                  now() - (g % 3000) * interval '1 minute',
                  (ARRAY['2.14.1', '2.14.0', '2.13.5', '3.2.0'])[1 + g % 4], now(), '{}'::jsonb, now(), now()
             FROM generate_series(1, $2::int) g`,
          [link, devices],
        );
        await pgc.query("ANALYZE mirror_devices; ANALYZE mirror_sites");
      } finally {
        await pgc.end();
      }
    },
    // The pager's range is text and <strong> numbers ("Showing 1–50 of 500"): its text without the tags.
    label: (body) =>
      /data-testid="fleet-range"[^>]*>(.*?)<\/span>/s.exec(body)?.[1]?.replace(/<[^>]*>/g, "") ??
      (body.includes("No device matches") ? "none" : null),
    print: {
      heading: ({ views }, runs) =>
        `/fleet, dealer with ${devices.toLocaleString("en-US")} devices on 2,000 sites, ${views} ` +
        `signed-in page views (${runs} per URL)`,
      urlWidth: 40,
      showLabel: (range) => range ?? "?",
    },
  });
  return {
    devices,
    ...listBenchSummary(figures),
    perUrl: figures.perUrl.map(({ label, ...p }) => ({ ...p, range: label })),
  };
}

runIfMain(import.meta.url, () => runFleetBench());
