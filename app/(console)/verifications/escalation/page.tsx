import { permanentRedirect } from "next/navigation";

// The thresholds moved to Desk settings; a saved link to the old page still lands there.
export default function EscalationSettingsPage(): never {
  permanentRedirect("/verifications/settings#escalation");
}
