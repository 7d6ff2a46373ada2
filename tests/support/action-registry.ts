// next-safe-action does not expose an action's metadata. This wraps its builder (behaviour unchanged)
// so each action function built through `.metadata(m)…action(fn)` is remembered with `m`:
//   vi.mock("next-safe-action", async (importOriginal) =>
//     (await import("../support/action-registry")).recordingSafeAction(importOriginal));
// then `actionMeta.get(fn)` gives the metadata of an exported action.
/** `dealer: "named"`: the action works on the dealer its input names (lib/actions/client.ts). */
export type ActionMeta = { name: string; role: string; notAudited?: boolean; dealer?: "named" };

export const actionMeta = new WeakMap<object, ActionMeta>();

function wrap(builder: object, md?: ActionMeta): object {
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
        return out && typeof out === "object" ? wrap(out, prop === "metadata" ? (args[0] as ActionMeta) : md) : out;
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
