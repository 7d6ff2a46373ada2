"use client";
import { Bell } from "lucide-react";
import { Button } from "@/components/ui";
import type { DeskAlerts } from "./use-desk-alerts";

/** The first visit's question: sound and desktop notifications, or not now (remembered either way). */
export function AlertsPrompt({ alerts }: { alerts: DeskAlerts }) {
  if (!alerts.ask || alerts.on) return null;
  return (
    <div
      data-testid="alerts-prompt"
      className={
        "mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-indigo-200 bg-indigo-50 p-3 " +
        "text-sm text-slate-900"
      }
    >
      <Bell className="h-5 w-5 text-indigo-700" aria-hidden="true" />
      <p className="mr-auto">
        New and escalated alarms can sound and show a desktop notification, even while this tab is in the background.
      </p>
      <Button size="sm" onClick={() => void alerts.turnOn()}>
        Turn on alarm sound and notifications
      </Button>
      <Button size="sm" variant="secondary" onClick={alerts.notNow}>
        Not now
      </Button>
    </div>
  );
}
