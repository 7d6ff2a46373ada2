"use client";
import { useCallback, useEffect, useState, useSyncExternalStore, type RefObject } from "react";
import { toast } from "sonner";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useLatest } from "@/components/verifications/shared/use-latest";
import {
  alertsSupported,
  beep,
  enableAlerts,
  notificationsGranted,
  readAlertsPref,
  soundPlays,
  soundSupported,
  unlockAudio,
  watchAudio,
  writeAlertsPref,
} from "./alerts";

export type DeskAlerts = {
  /** This browser can sound and notify (false on the server and before hydration). */
  supported: boolean;
  on: boolean;
  /** On, but the browser holds the sound until a click or key on the page (after a reload): nothing is heard. */
  soundPaused: boolean;
  /** Never answered here: show the first-visit prompt. */
  ask: boolean;
  /** `on` for timers and stream callbacks that outlive the render. */
  onRef: RefObject<boolean>;
  turnOn: () => Promise<void>;
  turnOff: () => void;
  /** The prompt's "Not now": remembered as off, without changing what is on now. */
  notNow: () => void;
};

/** Alerts as this browser last left them: on if turned on (or allowed already), a prompt if never answered. */
function rememberedAlerts() {
  const pref = readAlertsPref();
  const on = pref === "on" || (pref === null && notificationsGranted());
  return { on, ask: pref === null && !on };
}

/**
 * The desk's sound and desktop notifications. First visit (never answered): a clear prompt. Later
 * visits: the remembered choice, or on by default when the browser already allows notifications,
 * until the user chooses again here; audio starts at the first gesture (browsers allow no sooner).
 */
export function useDeskAlerts(): DeskAlerts {
  // Known only in the browser: the server (and hydration) render as if alerts were unsupported.
  const hydrated = useHydrated();
  const supported = hydrated && alertsSupported();
  const [chosen, setChosen] = useState<{ on: boolean; ask: boolean } | null>(null);
  const { on, ask } = chosen ?? (supported ? rememberedAlerts() : { on: false, ask: false });
  const onRef = useLatest(on);
  const playing = useSyncExternalStore(watchAudio, soundPlays, () => false);
  const soundPaused = supported && on && soundSupported() && !playing;
  useEffect(() => {
    if (!alertsSupported() || readAlertsPref() === "off") return;
    // Tried at once (the browser may allow it), then at the first click or key; not at one on the alerts
    // button, whose own click starts the sound (else it would read "Alerts on" by then and turn them off).
    unlockAudio();
    const unlock = (e: Event) => {
      if (e.target instanceof Element && e.target.closest("[data-alerts-toggle]")) return;
      unlockAudio();
      stop();
    };
    const stop = () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return stop;
  }, []);
  const turnOn = useCallback(async () => {
    const permission = await enableAlerts();
    writeAlertsPref("on");
    setChosen({ on: true, ask: false });
    beep();
    toast.success(
      permission === "granted"
        ? "Sound and desktop notifications are on."
        : "Sound is on. Desktop notifications were not allowed by the browser.",
    );
  }, []);
  const turnOff = useCallback(() => {
    writeAlertsPref("off");
    setChosen({ on: false, ask: false });
  }, []);
  const notNow = useCallback(() => {
    writeAlertsPref("off");
    setChosen({ on, ask: false });
  }, [on]);
  return { supported, on, soundPaused, ask, onRef, turnOn, turnOff, notNow };
}
