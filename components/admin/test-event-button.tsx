"use client";
import { Send } from "lucide-react";
import { RunButton } from "@/components/forms/run-button";
import { sendTestEventAction } from "@/actions/settings";

export function TestEventButton({ dealerLinkId }: { dealerLinkId: string }) {
  return (
    <RunButton
      action={sendTestEventAction}
      input={{ dealerLinkId }}
      done={(d) => `Test event ${d?.eventId ?? ""} requested — it shows in the webhook log when it arrives.`}
      variant="secondary"
      pendingText="Asking the simulator…"
      icon={<Send className="h-4 w-4" aria-hidden="true" />}
    >
      Send a test event
    </RunButton>
  );
}
