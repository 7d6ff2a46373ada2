// The kind's send failure belongs to the review it was sent from (components/import/review-step.tsx). Back
// unmounts the step, so the review shown again (as left, or built again from another sheet or match) is a
// first showing: the failure the kind still holds from the last send is not said under it.
import { describe, expect, it } from "vitest";
import { renderReview, reviewState } from "../support/review-step";

const FAILURE = "We got no answer from the server, so this may or may not have been saved.";

// The other half, a failed send said under the review it was sent from, takes a click:
// tests/e2e/devices-review.spec.ts.
describe("the review step's failure line", () => {
  it("a review shown again after Back does not say the failure of a send made before", () => {
    const html = renderReview(reviewState({ sending: 3 }), FAILURE);
    expect(html).toContain("Send 3");
    expect(html).not.toContain(FAILURE);
    expect(html).not.toContain('role="alert"');
  });
});
