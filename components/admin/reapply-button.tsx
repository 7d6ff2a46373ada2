"use client";
import { RotateCcw } from "lucide-react";
import { Button } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { reapplyEventAction } from "@/actions/webhook-log";

export function ReapplyButton({ eventId }: { eventId: string }) {
  const runner = useActionRunner(reapplyEventAction);
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={runner.pending}
      aria-label={`Re-apply ${eventId}`}
      icon={<RotateCcw className="h-3.5 w-3.5" aria-hidden="true" />}
      onClick={() => void runner.run({ eventId }, (d) => `Re-applied ${eventId}: ${d?.note}`)}
    >
      Re-apply
    </Button>
  );
}
