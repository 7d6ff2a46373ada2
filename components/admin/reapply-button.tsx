"use client";
import { useTransition } from "react";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui";
import { reapplyEventAction } from "@/actions/webhook-log";
import { failureOf, withTrace } from "./action-result";

export function ReapplyButton({ eventId }: { eventId: string }) {
  const [pending, start] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      pending={pending}
      aria-label={`Re-apply ${eventId}`}
      icon={<RotateCcw className="h-3.5 w-3.5" aria-hidden="true" />}
      onClick={() =>
        start(async () => {
          const result = await reapplyEventAction({ eventId });
          const f = failureOf(result);
          if (f) toast.error(withTrace(f));
          else toast.success(`Re-applied ${eventId}: ${result.data?.note}`);
        })
      }
    >
      Re-apply
    </Button>
  );
}
