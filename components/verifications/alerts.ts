"use client";
// A beep through Web Audio (no sound file to download) and a desktop notification, only after the
// user turned alerts on with a click (browsers require a gesture for both).
let audio: AudioContext | null = null;

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
  for (const [offset, freq] of [[0, 880], [0.18, 1175]] as const) {
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

export function notify(title: string, body: string, tag: string) {
  if (typeof window === "undefined" || !("Notification" in window) || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => window.focus();
  } catch {
    // Some browsers only allow notifications from a service worker; the sound still plays.
  }
}
