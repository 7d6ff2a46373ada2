import { Card } from "@/components/ui";
import { utcText } from "@/lib/utc-text";
import { duration, type EscalationSettings } from "@/lib/verifications/escalation";
import { EscalationSettingsForm } from "./escalation-form";

type Saved = EscalationSettings & { updatedByName: string | null; updatedAt: Date | null };

/**
 * The dealer's N and M on Desk settings: every member reads when an alarm escalates, the
 * dealer's admins change it (the action checks the role again).
 */
export function EscalationCard({ settings: s, canEdit }: { settings: Saved; canEdit: boolean }) {
  const rule = `unclaimed for ${duration(s.unclaimedSeconds)}, or under ${duration(s.remainingSeconds)} left`;
  const now = s.updatedAt
    ? `Now: ${rule}. Last changed by ${s.updatedByName} on ${utcText(s.updatedAt)}.`
    : `Now: the defaults, ${rule}.`;
  return (
    <Card
      id="escalation"
      title="Escalation"
      description={`When an alarm escalates: louder sound, a desktop notification and a banner for admins. ${now}`}
      className="scroll-mt-4 xl:col-span-2"
    >
      {canEdit ? (
        <EscalationSettingsForm
          initial={{ unclaimedSeconds: s.unclaimedSeconds, remainingSeconds: s.remainingSeconds }}
        />
      ) : (
        <p className="text-sm text-slate-600">Only the dealer&apos;s admins change these.</p>
      )}
    </Card>
  );
}
