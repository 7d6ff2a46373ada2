"use client";
// A beep through Web Audio (no sound file to download), a louder alarm for an escalation, and a
// desktop notification. Browsers need a gesture to start audio and to ask for notifications: the
// queue asks once with a clear button, remembers the answer (ALERTS_PREF_KEY), and on later visits
// starts the audio at the first click or key press on the page.
let audio: AudioContext | null = null;
const audioWatchers = new Set<() => void>();

/** The page's one audio context, made on first need; each change of its state is told to the watchers. */
function audioContext(): AudioContext {
  if (!audio) {
    audio = new AudioContext();
    audio.onstatechange = () => audioWatchers.forEach((w) => w());
    audioWatchers.forEach((w) => w());
  }
  return audio;
}

/** For useSyncExternalStore: called whenever the audio starts or stops. */
export function watchAudio(onChange: () => void) {
  audioWatchers.add(onChange);
  return () => void audioWatchers.delete(onChange);
}

/**
 * Whether a sound played now would be heard. A browser holds a page's audio until a click or key on it
 * (after a reload too), so a desk whose alerts are on can still be silent: it then says so.
 */
export function soundPlays(): boolean {
  return audio?.state === "running";
}

export function soundSupported() {
  return typeof window !== "undefined" && "AudioContext" in window;
}

/** localStorage key: "on" | "off"; missing = never asked (the queue shows its first-visit prompt). */
export const ALERTS_PREF_KEY = "chekt.desk.alerts";

export type AlertsPref = "on" | "off" | null;

export function readAlertsPref(): AlertsPref {
  try {
    const v = window.localStorage.getItem(ALERTS_PREF_KEY);
    return v === "on" || v === "off" ? v : null;
  } catch {
    return null;
  }
}

export function writeAlertsPref(v: "on" | "off") {
  try {
    window.localStorage.setItem(ALERTS_PREF_KEY, v);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

/** The browser already allows desktop notifications for this site (alerts are then on by default). */
export function notificationsGranted() {
  return typeof window !== "undefined" && "Notification" in window && Notification.permission === "granted";
}

/**
 * Starts the audio from any gesture (no permission prompt): for a visit after alerts were turned on.
 * Called without one too, on load: a browser that allows it starts at once, one that does not leaves
 * the context suspended, which soundPlays() then reports.
 */
export function unlockAudio() {
  if (!soundSupported()) return;
  void audioContext()
    .resume()
    .catch(() => undefined);
}

export function alertsSupported() {
  return typeof window !== "undefined" && ("AudioContext" in window || "Notification" in window);
}

/** Call from a click handler. Returns the notification permission. */
export async function enableAlerts(): Promise<NotificationPermission | "unsupported"> {
  if (typeof window === "undefined") return "unsupported";
  if (soundSupported())
    await audioContext()
      .resume()
      .catch(() => undefined);
  if (!("Notification" in window)) return "unsupported";
  if (Notification.permission === "default") return Notification.requestPermission();
  return Notification.permission;
}

/** One tone: from silence up to `peak` in `rise` s, back down by `fall` s, cut at `stop` s (all from `at`). */
type Tone = { at: number; wave: OscillatorType; freq: number; peak: number; rise: number; fall: number; stop: number };

function play(ctx: AudioContext, tones: Tone[]) {
  const t = ctx.currentTime;
  for (const { at, wave, freq, peak, rise, fall, stop } of tones) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = wave;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + at);
    gain.gain.exponentialRampToValueAtTime(peak, t + at + rise);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + at + fall);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t + at);
    osc.stop(t + at + stop);
  }
}

export function beep() {
  if (!audio || audio.state !== "running") return;
  const soft = { wave: "sine", peak: 0.25, rise: 0.02, fall: 0.15, stop: 0.16 } as const;
  play(audio, [
    { ...soft, at: 0, freq: 880 },
    { ...soft, at: 0.18, freq: 1175 },
  ]);
}

/** An escalation: three loud square-wave pulses, twice — unmistakable next to the new-alarm beep. */
export function alarmSound() {
  if (!audio || audio.state !== "running") return;
  play(
    audio,
    Array.from({ length: 6 }, (_, i) => ({
      at: i * 0.22 + (i >= 3 ? 0.3 : 0),
      wave: "square",
      freq: i % 2 ? 988 : 1319,
      peak: 0.6,
      rise: 0.01,
      fall: 0.18,
      stop: 0.2,
    })),
  );
}

export function notify(title: string, body: string, tag: string) {
  if (typeof window === "undefined" || !("Notification" in window) || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => window.focus();
  } catch {
    // Some browsers only allow notifications from a service worker; the sound still plays.
  }
}
