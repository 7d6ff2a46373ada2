// next-safe-action does not expose an action's metadata. This wraps its builder (behaviour unchanged)
// so each action function built through `.metadata(m)…action(fn)` is remembered with `m`:
//   vi.mock("next-safe-action", async (importOriginal) =>
//     (await import("../support/action-registry")).recordingSafeAction(importOriginal));
// then `actionMeta.get(fn)` gives the metadata of an exported action, and `exportedActions()` lists them all
// for the matrices (role-matrix, tenancy-matrix, tenancy-named-dealer).
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ActionMetadata } from "@/lib/actions/client";
import { errorText } from "@/lib/error-text";
import { actionModules, REPO_ROOT } from "./files";

export const actionMeta = new WeakMap<object, ActionMetadata>();

function wrap(builder: object, md?: ActionMetadata): object {
  return new Proxy(builder, {
    get(target, prop) {
      const v: unknown = Reflect.get(target, prop);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        const out: unknown = v.apply(target, args);
        if (prop === "action" || prop === "stateAction") {
          if (md && out && (typeof out === "object" || typeof out === "function")) actionMeta.set(out, md);
          return out;
        }
        return out && typeof out === "object" ? wrap(out, prop === "metadata" ? (args[0] as ActionMetadata) : md) : out;
      };
    },
  });
}

export async function recordingSafeAction(importOriginal: () => Promise<typeof import("next-safe-action")>) {
  const orig = await importOriginal();
  return {
    ...orig,
    createSafeActionClient: (...a: Parameters<typeof orig.createSafeActionClient>) =>
      wrap(orig.createSafeActionClient(...a)),
  };
}

/** What an action answers (next-safe-action's result), as the matrices read it. */
export type ActionResult = {
  serverError?: { code?: string; message?: string };
  validationErrors?: unknown;
  data?: unknown;
};
/** An exported action: `file#name`, the function, the metadata it was built with. */
export type FoundAction = { id: string; fn: (input: unknown) => Promise<ActionResult>; meta: ActionMetadata };

/**
 * Every exported function of the action modules under `root` (files.ts actionModules), imported with
 * recordingSafeAction in place: those built with the action client, and the ids (`file#name`) of the others.
 */
export async function exportedActions(root = REPO_ROOT): Promise<{ actions: FoundAction[]; unbuilt: string[] }> {
  const actions: FoundAction[] = [];
  const unbuilt: string[] = [];
  for (const file of actionModules(root)) {
    const mod = (await import(pathToFileURL(path.join(root, file)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== "function") continue;
      const meta = actionMeta.get(value);
      if (meta) actions.push({ id: `${file}#${name}`, fn: value as FoundAction["fn"], meta });
      else unbuilt.push(`${file}#${name}`);
    }
  }
  return { actions, unbuilt };
}

/** Calls an action with `input`. An action answers its failures: a throw is a bug, given back as its text. */
export async function callAction(
  fn: FoundAction["fn"],
  input: unknown,
): Promise<{ result: ActionResult; threw?: undefined } | { threw: string }> {
  try {
    return { result: await fn(input) };
  } catch (error) {
    return { threw: errorText(error) };
  }
}
