"use client";

/** The queue's polite live regions for screen readers: each new alarm, and each escalation. */
export function QueueAnnouncers({ newAlarm, escalation }: { newAlarm: string; escalation: string }) {
  return (
    <>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="queue-announcer">
        {newAlarm}
      </div>
      <div aria-live="polite" aria-atomic="true" className="sr-only" data-testid="escalation-announcer">
        {escalation}
      </div>
    </>
  );
}
