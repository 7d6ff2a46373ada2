"use client";
import { useRouter } from "next/navigation";
import { Unlink } from "lucide-react";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { announceDealerDisconnected } from "@/components/shell/dealer-broadcast";
import { disconnectDealerAction } from "@/actions/dealer";

export function DisconnectButton({ companyName, dealerLinkId }: { companyName: string; dealerLinkId: string }) {
  const router = useRouter();
  return (
    <ConfirmAction
      action={disconnectDealerAction}
      input={{ confirm_name: companyName }}
      label="Disconnect"
      destructive
      icon={<Unlink className="h-4 w-4" aria-hidden="true" />}
      title={`Disconnect ${companyName}?`}
      description={
        "This console stops reaching the dealer in CHeKT: its sites, stations and alarms disappear from here " +
        "until a dealer admin approves a new connection. The history (audit, webhook log) is kept."
      }
      confirmLabel="Disconnect dealer"
      typeToConfirm={companyName}
      successMessage={`${companyName} disconnected`}
      onDone={() => {
        announceDealerDisconnected(dealerLinkId);
        router.refresh();
      }}
    />
  );
}
