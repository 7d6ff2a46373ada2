import { permanentRedirect } from "next/navigation";

// The thresholds moved to the desk's Settings tab; a saved link to the old page still lands there.
export default function EscalationSettingsPage(): never {
  permanentRedirect("/verifications/settings#escalation");
}
