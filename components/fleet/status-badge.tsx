import { Badge } from "@/components/ui";
import type { FleetStatus } from "@/lib/fleet/read";

/** Online / Offline / Unknown with a word, never colour alone. */
export function DeviceStatusBadge({ status }: { status: FleetStatus }) {
  if (status === "online") return <Badge tone="success">Online</Badge>;
  if (status === "offline") return <Badge tone="danger">Offline</Badge>;
  return <Badge tone="neutral">Unknown</Badge>;
}
