import type { JobAnswer } from "@/lib/bulk/jobs";
import { jobAnswerSchema } from "@/lib/bulk/job-schemas";
import { bodyAs, failureMessage } from "@/lib/json-as";

/**
 * A bulk job's progress from its route, with every row when `items`; a refusal or an answer of
 * another shape throws, for the job page's error line.
 */
export async function fetchJob(jobId: string, items: boolean): Promise<JobAnswer> {
  const res = await fetch(`/api/bulk-jobs/${encodeURIComponent(jobId)}${items ? "?items=all" : ""}`, {
    cache: "no-store",
  });
  if (!res.ok) throw new Error(await failureMessage(res, `Could not load the job (HTTP ${res.status})`));
  const answer = await bodyAs(res, jobAnswerSchema);
  if (!answer) throw new Error("Could not load the job: the server's answer was not a job. Reload the page.");
  return answer;
}
