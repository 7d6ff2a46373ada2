"use client";
// A beep through Web Audio (no sound file to download), a louder alarm for an escalation, and a
// desktop notification. Browsers need a gesture to start audio and to ask for notifications: the
// queue asks once with a clear button, remembers the answer (ALERTS_PREF_KEY), and on later visits
// starts the audio at the first click or key press on the page.
let audio: AudioContext | null = null;

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

/** Starts the audio from any gesture (no permission prompt): for a visit after alerts were turned on. */
export function unlockAudio() {
  if (typeof window === "undefined" || !("AudioContext" in window)) return;
  audio ??= new AudioContext();
  void audio.resume().catch(() => undefined);
}

export function alertsSupported() {
  return typeof window !== "undefined" && ("AudioContext" in window || "Notification" in window);
}

/** Call from a click handler. Returns the notification permission. */
export async function enableAlerts(): Promise<NotificationPermission | "unsupported"> {
  if (typeof window === "undefined") return "unsupported";
  if ("AudioContext" in window) {
    audio ??= new AudioContext();
    await audio.resume().catch(() => undefined);
  }
  if (!("Notification" in window)) return "unsupported";
  if (Notification.permission === "default") return Notification.requestPermission();
  return Notification.permission;
}

export function beep() {
  if (!audio || audio.state !== "running") return;
  const t = audio.currentTime;
  for (const [offset, freq] of [
    [0, 880],
    [0.18, 1175],
  ] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, t + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.15);
    osc.connect(gain).connect(audio.destination);
    osc.start(t + offset);
    osc.stop(t + offset + 0.16);
  }
}

/** An escalation: three loud square-wave pulses, twice — unmistakable next to the new-alarm beep. */
export function alarmSound() {
  if (!audio || audio.state !== "running") return;
  const t = audio.currentTime;
  for (let i = 0; i < 6; i++) {
    const offset = i * 0.22 + (i >= 3 ? 0.3 : 0);
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = "square";
    osc.frequency.value = i % 2 ? 988 : 1319;
    gain.gain.setValueAtTime(0.0001, t + offset);
    gain.gain.exponentialRampToValueAtTime(0.6, t + offset + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.18);
    osc.connect(gain).connect(audio.destination);
    osc.start(t + offset);
    osc.stop(t + offset + 0.2);
  }
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
