// The queue as the server renders it (renderToStaticMarkup): everything it runs, its claims included, sits
// under the page's dealer (components/verifications/queue/desk-dealer.tsx), so nothing of the desk can
// call a route or action without naming the dealer the page was drawn for.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { VerificationQueue } from "@/components/verifications/queue/queue";
import { DEFAULT_ESCALATION } from "@/lib/verifications/escalation";
import { DESK_DEALER } from "../support/desk-work";

// The server actions are not called while rendering; their modules reach Postgres.
vi.mock("@/actions/verifications", () => ({}));
vi.mock("@/actions/escalation", () => ({}));

describe("the queue under its page's dealer", () => {
  it("renders with the dealer it was given, claims and all, without a provider around it", () => {
    const queue = createElement(VerificationQueue, {
      me: { id: "u1", name: "Olga Operator" },
      dealer: DESK_DEALER,
      canAnswer: true,
      canTakeOver: true,
      sort: "deadline",
      leaseSeconds: 60,
      heartbeatSeconds: 15,
      escalation: DEFAULT_ESCALATION,
      showEscalationBanner: true,
    });
    const html = renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient() }, queue));
    expect(html).toContain("Connecting…");
  });
});
