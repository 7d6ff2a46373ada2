// What a bulk job's rows are, in the job page's words (components/devices/job-progress.tsx).
import type { JobProgress } from "@/lib/bulk/jobs";

export type Entity = JobProgress["entity"];
export const NOUN: Record<Entity, string> = { devices: "device", sites: "site" };

/** On a phone the flush table's rows are cards with the Card's padding around them. */
export const FLUSH_PHONE_PADDING = "max-md:p-3";
