/**
 * Counts whole seconds down from `seconds`: `onTick` with the seconds left (the first at once, then
 * each second), and `onDone` instead once none are left. Returns what stops it. The waits the
 * operator watches tick: an answer's resend (components/verifications/answer/use-resend-wait.ts), a
 * snapshot's retry (components/verifications/snapshots/use-snapshot.ts).
 */
export function countDown(seconds: number, onTick: (left: number) => void, onDone: () => void): () => void {
  let left = seconds;
  let timer: ReturnType<typeof setTimeout>;
  const tick = () => {
    left -= 1;
    if (left <= 0) return onDone();
    onTick(left);
    timer = setTimeout(tick, 1000);
  };
  onTick(left);
  timer = setTimeout(tick, 1000);
  return () => clearTimeout(timer);
}
