// Sites list TTFB for a dealer with 10,000 sites: the real page (`next start`, signed in) against
// the simulator, the real Postgres. Prints figures; asserts nothing.
//
//   node --import tsx bench/sites-list.ts            (or import { runSitesBench } from here)
//
// Needs a production build in BENCH_DIST_DIR (default .next-test, what `npm test` builds; built
// here when missing). Env: DATABASE_URL or TEST_PG_ADMIN_URL names the Postgres server (a fresh
// database is created and dropped); BENCH_SITES (10000), BENCH_RUNS (each URL, 8); BENCH_APP_PORT and
// BENCH_SIM_PORT pin the ports (default: free ones).
//
// The simulator runs with the enterprise rate-limit tier (3,000/min, 200/s) so the figure is the
// console's and the API's latency, not the free tier's 1 request a second; every page view costs
// exactly one CHeKT list call (two with the station column shown). Since the mirror, a page view makes
// no CHeKT call: the figure is Postgres (the sweep's own calls run meanwhile, at its class, in the worker
// process: the web instance only serves, as in production; BENCH_B_BACKGROUND=on times the one-process shape
// beside it, list-page.ts).
import { runIfMain } from "./http";
import { listBenchSummary, runListBench } from "./list-page";
import type { ListBenchOptions, ListBenchResult } from "./list-page";

export type SitesBenchResult = ListBenchResult<"sites", "total"> & {
  /** When the views were timed: after the app's first sync, or during its children phase. */
  timed: string;
};

export async function runSitesBench(opts: ListBenchOptions & { sites?: number } = {}): Promise<SitesBenchResult> {
  const sites = opts.sites ?? Number(process.env.BENCH_SITES || 10_000);
  let syncState = "";
  const figures = await runListBench({
    ...opts,
    path: "/sites",
    urls: [
      "/sites",
      "/sites?sort=name&dir=desc",
      "/sites?page=200&per=50",
      "/sites?sort=created_at&dir=desc&per=100",
      "/sites?active=0&tz=Asia%2FSeoul",
      "/sites?q=site%200042",
      "/sites?cols=name,timezone,monitoring_station_id,is_activated",
    ],
    pinPorts: true,
    beforeApp: async ({ simUrl, simToken }) => {
      const bulk = await fetch(`${simUrl}/_sim/bulk-sites`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${simToken}` },
        body: JSON.stringify({ dealer_id: 1, count: sites }),
      });
      if (!bulk.ok) throw new Error(`bulk-sites: HTTP ${bulk.status} ${await bulk.text()}`);
    },
    afterApp: async ({ dbUrl, log }) => {
      // Pages read the mirror (docs/mirror.md). The views are timed once the app's first sync has
      // finished, its children phase (contacts, devices, arming of every site) included: its calls and
      // writes would otherwise be timed with the views (in B's own event loop with BENCH_B_BACKGROUND=on). A
      // dealer's first sync runs once; the steady state is what a page view costs every day.
      // BENCH_DURING_SYNC=1 times them as soon as every site is listed (the children phase running).
      const duringSync = process.env.BENCH_DURING_SYNC === "1";
      const pgc = new (await import("pg")).default.Client({ connectionString: dbUrl });
      await pgc.connect();
      const t0 = Date.now();
      try {
        for (let listedAt = 0; ;) {
          const { rows } = await pgc.query<{ n: number; finished: boolean }>(
            `SELECT (SELECT count(*)::int FROM mirror_sites WHERE gone_at IS NULL) AS n,
                    EXISTS (SELECT 1 FROM mirror_syncs s JOIN dealer_links l ON l.id = s.dealer_link_id
                             WHERE l.chekt_dealer_id = 1 AND s.finished_at IS NOT NULL) AS finished`,
          );
          const { n, finished } = rows[0]!;
          if (n >= sites && !listedAt) {
            listedAt = Date.now();
            log(
              `  the first sync listed ${n.toLocaleString("en-US")} sites in ${Math.round((listedAt - t0) / 1000)} s`,
            );
          }
          if (listedAt && (duringSync || finished)) {
            if (finished)
              log(`  it finished (children phase included) ${Math.round((Date.now() - t0) / 1000)} s after start`);
            else log("  views timed while the first sync's children phase runs (BENCH_DURING_SYNC=1)");
            syncState = finished ? "after the first sync" : "during the first sync's children phase";
            break;
          }
          if (Date.now() - t0 > 3_600_000) throw new Error(`the first sync did not finish in an hour (${n} sites)`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      } finally {
        await pgc.end();
      }
    },
    label: (body) => /data-testid="sites-total"[^>]*>([\d,]+)</.exec(body)?.[1] ?? null,
    print: {
      heading: ({ views }, runs) =>
        `sites list, dealer with ${sites.toLocaleString("en-US")} sites, ${views} signed-in page ` +
        `views (${runs} per URL), timed ${syncState}`,
      urlWidth: 62,
      showLabel: (total) => `total ${total ?? "?"}`,
    },
  });
  return {
    sites,
    ...listBenchSummary(figures),
    perUrl: figures.perUrl.map(({ label, ...p }) => ({ ...p, total: label })),
    timed: syncState,
  };
}

runIfMain(import.meta.url, () => runSitesBench());
