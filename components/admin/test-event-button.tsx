"use client";
import { Send } from "lucide-react";
import { Button } from "@/components/ui";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { sendTestEventAction } from "@/actions/settings";

export function TestEventButton({ dealerLinkId }: { dealerLinkId: string }) {
  const runner = useActionRunner(sendTestEventAction);
  return (
    <Button
      variant="secondary"
      pending={runner.pending}
      pendingText="Asking the simulator…"
      icon={<Send className="h-4 w-4" aria-hidden="true" />}
      onClick={() =>
        void runner.run(
          { dealerLinkId },
          (d) => `Test event ${d?.eventId ?? ""} requested — it shows in the webhook log when it arrives.`,
        )
      }
    >
      Send a test event
    </Button>
  );
}
