// The bulk job's head card (components/devices/job-summary.tsx), rendered to HTML: its counts change every
// second while the job runs, and none of that is a live region; one status region stays empty until the job
// finishes, then holds the one line a screen reader reads out (the region is in the page from the start, so
// the change is announced once).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { JobSummary } from "@/components/devices/job-summary";
import type { JobProgress } from "@/lib/bulk/jobs";
import { jobProgress } from "../support/job-progress";

const job = jobProgress();

const render = (j: JobProgress) =>
  renderToStaticMarkup(createElement(JobSummary, { job: j, entity: "devices", error: null }));
const live = (html: string) => html.match(/role="status"|aria-live="(polite|assertive)"|role="alert"/g) ?? [];
const region = (html: string) => /<p role="status"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];

describe("JobSummary's announcement", () => {
  it("while the job runs: one status region, empty, so the ticking counts are not read out", () => {
    const html = render(job);
    expect(live(html)).toEqual(['role="status"']);
    expect(region(html)).toBe("");
  });

  it("once it finished: the region holds the final counts, once", () => {
    const done = { ...job, state: "done" as const, succeeded: 8, failed: 2, pending: 0 };
    const html = render(done);
    expect(live(html)).toEqual(['role="status"']);
    expect(region(html)).toBe("Job done: 8 devices succeeded, 2 failed.");
  });

  it("a cancelled job says what was not sent", () => {
    const html = render({ ...job, state: "cancelled" });
    expect(region(html)).toBe("Job cancelled: 4 devices succeeded, 1 failed, 5 not sent.");
  });
});
