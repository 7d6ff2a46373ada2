import Link from "next/link";
import { CheckCircle2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { WaitingVerification } from "./local-counts";
import { siteLabel } from "@/lib/site-label";
import { textLinkClass, cn } from "@/components/ui";
import { ExpiresIn } from "./expires-in";

function WaitingRow({ v, now }: { v: WaitingVerification; now: Date }) {
  return (
    <li className="flex items-center justify-between gap-3 px-5 py-3 text-sm" data-testid="waiting-item">
      <span className="min-w-0">
        {/* Whole, on as many lines as it takes: cut to one line, the part that tells alarms apart was lost. */}
        <span className="block font-medium text-slate-900 [overflow-wrap:anywhere]">
          {v.description || "Alarm verification"}
        </span>
        <span className="block text-xs text-slate-500">
          {siteLabel(v.siteId, v.siteName)} · expires in <ExpiresIn expiresAt={v.expiresAt} renderedAt={now} /> min
        </span>
      </span>
      {v.state === "claimed" ? (
        <Badge tone="info">Claimed by {v.claimedByName ?? "someone"}</Badge>
      ) : (
        <Badge tone="warning">Waiting</Badge>
      )}
    </li>
  );
}

/** The alarms that expire soonest, so a dashboard visitor sees what the desk is racing. */
export function WaitingCard({ waiting, now }: { waiting: WaitingVerification[]; now: Date }) {
  return (
    <Card
      title="Waiting for an answer"
      description="Alarm verifications that expire soonest"
      actions={
        <Link href="/verifications" className={cn("text-sm font-medium", textLinkClass)}>
          Open the queue
        </Link>
      }
      flush
    >
      {waiting.length === 0 ? (
        <p className="flex items-center gap-2 px-5 py-4 text-sm text-slate-600">
          <CheckCircle2 className="h-4 w-4 text-emerald-600" aria-hidden="true" /> No alarm is waiting for an answer.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {waiting.map((v) => (
            <WaitingRow key={v.id} v={v} now={now} />
          ))}
        </ul>
      )}
    </Card>
  );
}
