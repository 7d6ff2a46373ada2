// fetchJob (components/devices/fetch-job.ts): the job page's read of GET /api/bulk-jobs/[jobId], checked
// against lib/bulk/job-schemas.ts, and the error the page shows when it is refused or unreadable.
import { describe, expect, it } from "vitest";
import { fetchJob } from "@/components/devices/fetch-job";
import { jobAnswerSchema } from "@/lib/bulk/job-schemas";
import type { JobItemView, JobProgress } from "@/lib/bulk/jobs";
import { answerFetch, itFailsAsARouteReader, type ReaderWords } from "../support/fetch-answer";
import { jobProgress } from "../support/job-progress";

const NOW = new Date("2026-12-01T15:00:00Z");
/** What the page says when the route refuses without a message, or answers what it cannot read. */
const WORDS: ReaderWords = {
  failed: "Could not load the job",
  unread: "Could not load the job: the server's answer was not a job. Reload the page.",
};

/** A job as readJobProgress builds it: dates as ISO text, one chunk retried once. */
const job: JobProgress = jobProgress({
  total: 3,
  succeeded: 1,
  failed: 1,
  pending: 1,
  createdAt: NOW.toISOString(),
  startedAt: new Date(NOW.getTime() + 1_000).toISOString(),
  chunks: [{ seq: 0, state: "sent", attempts: 2, traceIds: ["t-1", "t-2"], lastError: "HTTP 503" }],
});

/** Rows as readJobItems builds them: a pasted row (sheet line) and one of a form (position + 1). */
const items: JobItemView[] = [
  {
    id: "item-1",
    position: 0,
    row: 2,
    fromSheet: true,
    externalDeviceId: "EXT-1",
    chektDeviceId: null,
    state: "failed",
    statusCode: 409,
    errorMessage: "External ID EXT-1 is already used",
    payload: { external_device_id: "EXT-1", name: "Front door", zones: [{ number: "1" }], camera: null },
    retriedInJobId: "job-2",
  },
  {
    id: "item-2",
    position: 1,
    row: 2,
    fromSheet: false,
    externalDeviceId: null,
    chektDeviceId: 7,
    state: "succeeded",
    statusCode: 200,
    errorMessage: null,
    payload: {},
    retriedInJobId: null,
  },
];

describe("fetchJob", () => {
  it("reads the job's progress, without rows unless asked", async () => {
    const urls = answerFetch(JSON.stringify({ job }));
    expect(await fetchJob("job 1", false)).toEqual({ job });
    expect(urls).toEqual(["/api/bulk-jobs/job%201"]);
  });

  it("reads the job with its rows when asked", async () => {
    const urls = answerFetch(JSON.stringify({ job, items }));
    expect(await fetchJob("job-1", true)).toEqual({ job, items });
    expect(urls).toEqual(["/api/bulk-jobs/job-1?items=all"]);
  });

  itFailsAsARouteReader(() => fetchJob("job-1", true), WORDS, [
    { what: "a job of another shape", body: JSON.stringify({ job: { id: 1 } }) },
    { what: "a job in a state the page does not know", body: JSON.stringify({ job: { ...job, state: "paused" } }) },
    {
      what: "a row whose payload is not an object",
      body: JSON.stringify({ job, items: [{ ...items[0], payload: [] }] }),
    },
  ]);
});

describe("jobAnswerSchema", () => {
  it("reads a job and its rows as the route writes them, through JSON", () => {
    const sent = { job: { ...job, state: "done", finishedAt: NOW.toISOString() }, items };
    expect(jobAnswerSchema.parse(JSON.parse(JSON.stringify(sent)))).toEqual(sent);
  });
});
