"use client";
// A bulk job as the job page shows it, polled while it runs so the page can be closed and reopened
// at any time (components/devices/job-progress.tsx).
import { useQuery } from "@tanstack/react-query";
import type { JobAnswer, JobProgress } from "@/lib/bulk/jobs";
import { isInProgress } from "@/lib/bulk/job-states";
import { fetchJob } from "./fetch-job";

export type { JobAnswer };

export const isRunning = (s: JobProgress["state"] | undefined) => s !== undefined && isInProgress(s);

export function useJobProgress(jobId: string, initial: JobAnswer) {
  // Counts every second while the job runs (small answer); the per-row list, which can be
  // thousands of rows, every few seconds and once more when the job ends.
  const progress = useQuery({
    queryKey: ["bulk-job", jobId],
    queryFn: () => fetchJob(jobId, false),
    initialData: { job: initial.job },
    staleTime: 0,
    refetchInterval: (q) => (isRunning(q.state.data?.job.state) ? 1000 : false),
  });
  const job = progress.data.job;
  const rows = useQuery({
    queryKey: ["bulk-job-items", jobId, isRunning(job.state) ? "running" : job.state],
    queryFn: () => fetchJob(jobId, true),
    initialData: initial.job.state === job.state || isRunning(job.state) ? initial : undefined,
    staleTime: 0,
    refetchInterval: isRunning(job.state) ? 4000 : false,
  });
  const items = rows.data?.items ?? initial.items ?? [];
  const error = progress.error ?? rows.error;
  return { job, items, error };
}
