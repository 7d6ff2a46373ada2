import type { Metadata } from "next";
import { ConnectCard } from "@/components/dealer/connect-card";
import { ConnectOutcome } from "@/components/dealer/connect-outcome";
import { ConnectionHistory } from "@/components/dealer/connection-history";
import { DisconnectButton } from "@/components/dealer/disconnect-button";
import { DealerProfileCard } from "@/components/dealer/profile-card";
import { SyncProgress } from "@/components/mirror/sync-progress";
import { AnnouncesDealerSwitch } from "@/components/shell/dealer-broadcast";
import { PageHeader } from "@/components/ui";
import { requirePageScope } from "@/lib/auth/require";
import { prisma } from "@/lib/db";
import { isOwner } from "@/lib/dealer";
import { readDealerDto } from "@/lib/mirror/dto";
import { findMirrorDealer } from "@/lib/mirror/read";
import { freshnessFor } from "@/lib/mirror/view";
import { hasRole } from "@/lib/roles";

export const metadata = { title: "Dealer" } satisfies Metadata;

export default async function DealerPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { user, dealer } = await requirePageScope("viewer");
  const isAdmin = hasRole(user.role, "admin");
  const sp = await searchParams;
  // The profile comes from the mirror (no CHeKT call); the first sync fills it after connecting.
  // The connection history lists another dealer only to the owner: a member sees their own dealers' links.
  const linkScope = (await isOwner(user.id)) ? {} : { memberships: { some: { userId: user.id } } };
  const [row, links] = await Promise.all([
    dealer ? findMirrorDealer(dealer.id) : Promise.resolve(null),
    prisma.dealerLink.findMany({ where: linkScope, orderBy: { createdAt: "asc" } }),
  ]);
  const profile = row ? readDealerDto(row.dto) : null;
  const fresh = dealer ? freshnessFor(dealer.id, [{ kind: "dealer" }], row) : null;

  return (
    <>
      <PageHeader
        title={dealer ? <span data-testid="dealer-title">{dealer.companyName}</span> : metadata.title}
        description={
          dealer
            ? `CHeKT dealer #${dealer.chektDealerId} · your dealer ID ${dealer.externalDealerId}`
            : "No dealer is connected to this console yet."
        }
        actions={
          dealer && isAdmin ? <DisconnectButton companyName={dealer.companyName} dealerLinkId={dealer.id} /> : null
        }
      />
      <ConnectOutcome connect={sp.connect} trace={sp.trace} />
      {/* Connected, the callback made the new dealer current (its cookie): the browser's other tabs follow. */}
      {sp.connect === "connected" && dealer ? <AnnouncesDealerSwitch dealerLinkId={dealer.id} /> : null}

      {dealer ? <SyncProgress dealerLinkId={dealer.id} always className="mb-6" /> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {dealer ? <DealerProfileCard profile={profile} fresh={fresh} isAdmin={isAdmin} /> : null}
        <ConnectCard connected={Boolean(dealer)} isAdmin={isAdmin} />
      </div>

      <ConnectionHistory links={links} />
    </>
  );
}
