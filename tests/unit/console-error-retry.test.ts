// The console's error page (app/(console)/error.tsx): "Try again" calls Next's retry(), which fetches the
// page from the server again, not reset(), which only re-renders what the browser already holds, so a
// failure that has passed (the database back) recovers from the button.
import { createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import ConsoleError from "@/app/(console)/error";

/** The element with this text among the tree's children. */
function findByText(node: ReactNode, text: string): ReactElement<{ onClick?: () => void }> | null {
  if (!isValidElement<{ children?: ReactNode; onClick?: () => void }>(node)) return null;
  if (node.props.children === text) return node;
  const children = ([] as ReactNode[]).concat(node.props.children ?? []);
  for (const child of children) {
    const found = findByText(child, text);
    if (found) return found;
  }
  return null;
}

describe("ConsoleError", () => {
  it("Try again fetches the page again (retry), it does not only re-render (reset)", () => {
    const retry = vi.fn();
    const reset = vi.fn();
    const error = Object.assign(new Error("database down"), { digest: "abc123" });
    let tree: ReactNode = null;
    // Rendered inside a component so its hooks run; the tree it returned is then read.
    function Capture() {
      // Next hands the page both functions.
      tree = ConsoleError({ error, retry, ...{ reset } });
      return tree;
    }
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(renderToStaticMarkup(createElement(Capture))).toContain("abc123");
    findByText(tree, "Try again")?.props.onClick?.();
    expect(retry).toHaveBeenCalledTimes(1);
    expect(reset).not.toHaveBeenCalled();
  });
});
