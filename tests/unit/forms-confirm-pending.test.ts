// ConfirmAction's state (components/forms/use-confirm-action.ts): while the action is on its way, confirming
// again (Enter pressed twice in the type-to-confirm field, or held down) sends nothing more, so a site,
// station or dealer is deleted once.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SafeAction } from "@/components/forms/action-result";

const runner = vi.hoisted(() => ({ pending: false, run: vi.fn(async () => ({ ok: false })) }));
vi.mock("@/components/forms/use-action-runner", () => ({
  useActionRunner: () => ({
    run: runner.run,
    pending: runner.pending,
    failure: null,
    clearFailure: () => undefined,
    budgetWait: null,
  }),
}));
const { useConfirmAction } = await import("@/components/forms/use-confirm-action");

const action: SafeAction<undefined, Record<string, never>, void> = async () => ({});

/** The confirm the dialog (and Enter in its field) calls, as rendered while the action is or is not pending. */
function confirmWhile(pending: boolean): () => Promise<void> {
  runner.pending = pending;
  let confirm: () => Promise<void> = async () => undefined;
  function Capture() {
    confirm = useConfirmAction({ action, input: undefined, successMessage: "Deleted" }).confirm;
    return null;
  }
  renderToStaticMarkup(createElement(Capture));
  return confirm;
}

describe("useConfirmAction", () => {
  beforeEach(() => runner.run.mockClear());

  it("confirming sends the action once when nothing is on its way", async () => {
    await confirmWhile(false)();
    expect(runner.run).toHaveBeenCalledTimes(1);
  });

  it("confirming again while the first is on its way sends nothing", async () => {
    await confirmWhile(true)();
    expect(runner.run).not.toHaveBeenCalled();
  });
});
