// A bulk job as readJobProgress (lib/bulk/jobs.ts) builds it, dates as ISO text, for the job page's unit tests;
// each test names only the counts and fields it is about.
import type { JobProgress } from "@/lib/bulk/jobs";

export function jobProgress(over: Partial<JobProgress> = {}): JobProgress {
  return {
    id: "job-1",
    kind: "create",
    entity: "devices",
    state: "running",
    chektSiteId: 42,
    total: 10,
    succeeded: 4,
    failed: 1,
    pending: 5,
    createdAt: "2026-11-02T10:00:00.000Z",
    startedAt: "2026-11-02T10:00:01.000Z",
    finishedAt: null,
    createdByEmail: "ada@a.example",
    chunks: [],
    ...over,
  };
}
