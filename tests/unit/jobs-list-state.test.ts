// The bulk jobs lists' URL state: the dashboard's link is the "In progress" filter, a refused value
// is named in the lists' words (the page last), and what was accepted stays.
import { describe, expect, it } from "vitest";
import { IN_PROGRESS_JOBS_HREF, dealerJobsList, jobsListOf, readJobsList } from "@/lib/bulk/jobs-list-state";
import { IN_PROGRESS_STATES, isInProgress, JOB_STATES } from "@/lib/bulk/job-states";

describe("bulk jobs list state", () => {
  it("the dashboard's stat opens /jobs filtered to in-progress jobs, which are queued or running", () => {
    expect(IN_PROGRESS_JOBS_HREF).toBe("/jobs?state=active");
    expect(dealerJobsList.parse({ state: "active" }).state).toBe("active");
    expect(JOB_STATES.filter(isInProgress)).toEqual([...IN_PROGRESS_STATES]);
    expect(IN_PROGRESS_STATES).toEqual(["queued", "running"]);
  });

  it("names each refused value, the page last, and keeps the accepted ones", () => {
    const { state, errors } = readJobsList(dealerJobsList, {
      page: "0",
      state: "bogus",
      kind: "update",
      entity: "cameras",
      per: "7",
    });
    expect(state).toEqual({ state: "", kind: "update", entity: "", page: 1, per: 25 });
    expect(errors).toEqual([
      'State "bogus" is not one of active, queued, running, done, failed, cancelled.',
      'Type "cameras" is not one of devices, sites.',
      'Rows "7" is not one of 25, 50, 100.',
      'Page "0" is not a page number.',
    ]);
    expect(readJobsList(dealerJobsList, { state: "running", page: "3" })).toEqual({
      state: { state: "running", kind: "", entity: "", page: 3, per: 25 },
      errors: [],
    });
  });

  it("a site's list has no type; its links stay on the site", () => {
    const list = jobsListOf(12);
    expect(list.keys).toEqual(["state", "kind", "page", "per"]);
    expect(readJobsList(list, { entity: "sites", state: "active" }).errors).toEqual([]);
    expect(list.href(list.defaults, { state: "active", per: 50 })).toBe("/sites/12/devices/jobs?state=active&per=50");
    expect(dealerJobsList.href(dealerJobsList.defaults, { entity: "sites", page: 2 })).toBe(
      "/jobs?entity=sites&page=2",
    );
  });
});
