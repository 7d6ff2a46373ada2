// The bulk worker as its own process, for tests/faults/bulk-kill.test.ts to SIGKILL and restart:
// the same startBulkWorker the app runs from lib/background.ts, pointed at a test database and a
// simulator. Prints "ready" once it takes work, and one line per worker log message.
//   node --conditions react-server --import tsx tests/faults/bulk-kill-worker.ts
// Env: DATABASE_URL, SIM_URL, CHEKT_CLIENT_ID, CHEKT_CLIENT_SECRET.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createChektClient } from "@/lib/chekt/client";
import { deviceApi } from "@/lib/chekt/api/devices";
import { startBulkWorker } from "@/lib/jobs/worker";
import { errorText } from "@/lib/error-text";

// Inside the app this worker runs in Next's server process, which logs an unhandled rejection and
// carries on (next/dist/server/node-environment-extensions/process-error-handlers.js); this stand-alone
// process does the same, so a rejection reaches the test's log (which must show none) instead of
// ending the worker. pg-boss 10 left one when Postgres dropped its connection as it recorded a job's
// outcome: patches/pg-boss+10.4.2.patch awaits that write (tests/integration/jobs-boss-lost-database.test.ts).
process.on("unhandledRejection", (reason) => console.log(`unhandledRejection: ${errorText(reason)}`));

const url = process.env.DATABASE_URL!;
const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }) });
const client = createChektClient({
  baseUrl: process.env.SIM_URL!,
  auth: {
    type: "client_secret",
    clientId: process.env.CHEKT_CLIENT_ID!,
    clientSecret: process.env.CHEKT_CLIENT_SECRET!,
  },
  timeoutMs: 3000,
  deadlineMs: 60_000,
});
const worker = await startBulkWorker({
  connectionString: url,
  deps: { db, api: deviceApi(client), maxBulk: 100 },
  pollingIntervalSeconds: 0.5,
  log: (m) => console.log(m),
});
console.log("ready");
process.on("SIGTERM", async () => {
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
});
