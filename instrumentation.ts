// Next.js calls register() once when a server process starts. Background work needs Node
// (pg, pg-boss), so the Edge runtime never loads it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the throttle and the audit read the TCP peer from this (lib/auth/client-ip.ts).
  (await import("./lib/auth/peer-address")).installPeerAddressHeader();
  // `next build` may load this while prerendering; a queue worker there would hold the build open.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { runsBackgroundWork, startBackgroundWork } = await import("./lib/background");
  // BACKGROUND_WORK=off: a web instance that only serves; `npm run worker` runs the work (README).
  if (!runsBackgroundWork()) return;
  try {
    await startBackgroundWork();
  } catch (e) {
    // Pages still serve; the next bulk submit tries to start the worker again (kickBulkJob).
    console.error(`[background] could not start: ${e instanceof Error ? e.message : String(e)}`);
  }
}
