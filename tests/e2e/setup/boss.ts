// A pg-boss on the run's database that only sends (no maintenance, schedules or migrations of its own):
// how a spec hands the app's workers a job now instead of waiting for its schedule.
import PgBoss from "pg-boss";

export const sendOnlyBoss = () =>
  new PgBoss({
    connectionString: process.env.E2E_DATABASE_URL!,
    max: 1,
    supervise: false,
    schedule: false,
    migrate: false,
  });
