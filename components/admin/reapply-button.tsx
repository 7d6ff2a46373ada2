"use client";
import { RotateCcw } from "lucide-react";
import { RunButton } from "@/components/forms/run-button";
import { reapplyEventAction } from "@/actions/webhook-log";

export function ReapplyButton({ eventId }: { eventId: string }) {
  return (
    <RunButton
      action={reapplyEventAction}
      input={{ eventId }}
      done={(d) => `Re-applied ${eventId}: ${d?.note}`}
      size="sm"
      variant="secondary"
      aria-label={`Re-apply ${eventId}`}
      icon={<RotateCcw className="h-3.5 w-3.5" aria-hidden="true" />}
    >
      Re-apply
    </RunButton>
  );
}
