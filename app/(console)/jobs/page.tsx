import type { Metadata } from "next";
import { dealerPage } from "@/components/page/dealer-page";
import { JobsResults } from "@/components/devices/jobs-results";
import { dealerJobsList, readJobsList } from "@/lib/bulk/jobs-list-state";
import { jobsPage } from "@/lib/bulk/jobs-read";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Bulk jobs" } satisfies Metadata;
export const dynamic = "force-dynamic";

/** Every bulk job of the dealer: device jobs of all its sites and the site imports (docs/devices.md). */
export default async function DealerJobsPage({ searchParams }: SearchParamsProps) {
  return dealerPage(
    "viewer",
    {
      title: metadata.title,
      description: "Device jobs of every site and site imports, newest first. Each opens its progress and results.",
    },
    async ({ dealer }) => {
      const { state, errors } = readJobsList(dealerJobsList, await searchParams);
      const jobs = await jobsPage(dealer.id, state, state);
      return (
        <JobsResults
          list={dealerJobsList}
          state={state}
          errors={errors}
          jobs={jobs}
          acrossSites
          noJobs={
            "A job is made when devices are pasted, added, edited or deleted on a site's Devices page, " +
            "or when sites are imported from a sheet (Sites, Import sites)."
          }
        />
      );
    },
  );
}
