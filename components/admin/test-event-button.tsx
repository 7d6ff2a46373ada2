"use client";
import { useTransition } from "react";
import { Send } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui";
import { sendTestEventAction } from "@/actions/settings";
import { failureOf, withTrace } from "./action-result";

export function TestEventButton({ dealerLinkId }: { dealerLinkId: string }) {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      pending={pending}
      pendingText="Asking the simulator…"
      icon={<Send className="h-4 w-4" aria-hidden="true" />}
      onClick={() =>
        start(async () => {
          const result = await sendTestEventAction({ dealerLinkId });
          const f = failureOf(result);
          if (f) toast.error(withTrace(f));
          else
            toast.success(
              `Test event ${result.data?.eventId ?? ""} requested — it shows in the webhook log when it arrives.`,
            );
        })
      }
    >
      Send a test event
    </Button>
  );
}
