// A device's status wherever one is shown (the fleet table, the device grid): Online / Offline /
// Unknown by the console's one rule (lib/fleet/device-status.ts), with a word, never colour alone.
import { Badge, type BadgeTone } from "@/components/ui";
import { deviceStatus, type DeviceStatus } from "@/lib/fleet/device-status";

const LOOK: Record<DeviceStatus, { tone: BadgeTone; word: string }> = {
  online: { tone: "success", word: "Online" },
  offline: { tone: "danger", word: "Offline" },
  unknown: { tone: "neutral", word: "Unknown" },
};

/**
 * `status`: CHeKT's word as the mirror holds it, or already judged. A word CHeKT sent that we do
 * not know ("rebooting") is Unknown, and stays readable beside the badge: it may tell the installer
 * what the device is doing.
 */
export function DeviceStatusBadge({ status }: { status: string | null | undefined }) {
  const judged = deviceStatus(status);
  const { tone, word } = LOOK[judged];
  const chekt = judged === "unknown" && status && status !== "unknown" ? status : null;
  return (
    <>
      <Badge tone={tone}>{word}</Badge>
      {chekt ? <span className="ml-1 text-xs text-slate-600">(CHeKT: {chekt})</span> : null}
    </>
  );
}
