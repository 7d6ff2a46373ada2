// npm run worker — the app's background work (bulk jobs, mirror sweeps and refreshes, webhook
// catch-up, fleet alerts, desk annotations, webhook log retention: lib/background.ts) in a process of
// its own, beside web instances started with BACKGROUND_WORK=off. Same environment as the web
// instances (lib/env.ts).
// Run by `node --conditions=react-server --import tsx`: lib/ marks its modules `server-only`, which
// throws under any other condition, and tsx resolves the `@/` paths. SIGINT/SIGTERM stop it: running
// bulk jobs are aborted where they stand and resumed by the next worker (bulk_jobs is the truth).
import { loadEnv } from "./lib/env";
import { errorText } from "../lib/error-text";

loadEnv();
// A shared env file may say off for the web instances; this process is the one that runs the work.
process.env.BACKGROUND_WORK = "on";

const say = (line: string) => console.log(`[worker] ${line}`);

async function main() {
  // After loadEnv: lib/env reads process.env once, when first imported.
  const { startBackgroundWork, stopBackgroundWork } = await import("@/lib/background");
  const { prisma } = await import("@/lib/db");
  let stopping: Promise<void> | undefined;
  const stop = (signal: string) =>
    (stopping ??= (async () => {
      say(`${signal}: stopping`);
      await stopBackgroundWork();
      await prisma.$disconnect();
      say("stopped");
    })().then(
      () => process.exit(0),
      (e) => {
        console.error(`[worker] stopping failed: ${errorText(e)}`);
        process.exit(1);
      },
    ));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
  await startBackgroundWork();
  say(`running (pid ${process.pid}); SIGINT or SIGTERM stops it`);
}

main().catch((e) => {
  console.error(`[worker] could not start: ${errorText(e)}`);
  process.exit(1);
});
