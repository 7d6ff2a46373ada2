// What a bulk job's rows are, in the job page's words (components/devices/job-progress.tsx).
import type { JobProgress } from "@/lib/bulk/jobs";

export type Entity = JobProgress["entity"];
export const NOUN: Record<Entity, string> = { devices: "device", sites: "site" };
