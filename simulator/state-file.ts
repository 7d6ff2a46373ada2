import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { errorText } from "../lib/error-text";
import { refreshSeedFromEnv } from "./seed";
import { Store } from "./store";

/** The simulator's state on disk (`StartOptions.dataFile`): loaded at start, saved soon after each change. */
export interface StateFile {
  /** The saved state, when the file exists and reads; the simulator starts from it instead of a seed. */
  initial: Store | undefined;
  /** Schedules a save (debounced 250 ms); nothing without a file or once stopped. */
  changed(): void;
  /** No more saves on change (close() takes the last one itself). */
  stop(): void;
  /** Saves now; a failure is logged, not thrown. */
  saveNow(): void;
}

/** A saved state, its demo parts refreshed from the environment; undefined when there is none or it is unreadable. */
function load(dataFile: string, seed: "demo" | "empty"): Store | undefined {
  if (!existsSync(dataFile)) return undefined;
  try {
    const initial = Store.fromJSON(JSON.parse(readFileSync(dataFile, "utf8")));
    if (seed === "demo") {
      const changed = refreshSeedFromEnv(initial);
      if (changed.length)
        console.log(`[sim] saved state loaded; refreshed from the environment: ${changed.join(", ")}`);
    }
    return initial;
  } catch (e) {
    console.error(`[sim] ignoring unreadable state file ${dataFile}: ${errorText(e)}`);
    return undefined;
  }
}

export function openStateFile(
  dataFile: string | null | undefined,
  seed: "demo" | "empty",
  store: () => Store,
): StateFile {
  let saveTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Written beside the file, then renamed over it: a crash mid-write leaves the previous state whole.
  const save = () => {
    if (!dataFile) return;
    mkdirSync(dirname(dataFile), { recursive: true });
    const tmp = `${dataFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(store().toJSON()));
    renameSync(tmp, dataFile);
  };
  const saveNow = () => {
    try {
      save();
    } catch (e) {
      console.error("[sim] could not save state:", errorText(e));
    }
  };
  return {
    initial: dataFile ? load(dataFile, seed) : undefined,
    changed() {
      if (!dataFile || stopped || saveTimer) return;
      saveTimer = setTimeout(() => {
        saveTimer = null;
        saveNow();
      }, 250);
    },
    stop() {
      stopped = true;
      if (saveTimer) {
        clearTimeout(saveTimer);
        saveTimer = null;
      }
    },
    saveNow,
  };
}
