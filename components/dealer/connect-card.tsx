import { ConnectForm } from "@/components/dealer/connect-form";
import { Card } from "@/components/ui";

/** Where an admin connects a (further) dealer; a member without the role is told whom to ask. */
export function ConnectCard({ connected, isAdmin }: { connected: boolean; isAdmin: boolean }) {
  if (isAdmin)
    return (
      <Card
        title={connected ? "Connect another dealer" : "Connect a dealer"}
        description={
          "You choose our ID for the dealer; then the dealer's own admin signs in on CHeKT's page and " +
          "approves. Nothing is stored until CHeKT confirms."
        }
      >
        <ConnectForm />
      </Card>
    );
  if (connected) return null;
  return (
    <Card title="Connect a dealer">
      <p className="text-sm text-slate-600">Only an admin can connect a dealer. Ask an admin of your team.</p>
    </Card>
  );
}
