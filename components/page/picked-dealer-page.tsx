import type { ComponentProps, ReactNode } from "react";
import { AdminHeader } from "@/components/admin/admin-nav";
import { Alert, Card } from "@/components/ui";
import type { SearchParams } from "@/lib/list-state/search-params";
import { adminPickedDealer } from "@/lib/settings/picked-dealer";

type Picked = NonNullable<Awaited<ReturnType<typeof adminPickedDealer>>["chosen"]>;

/**
 * An admin page about one dealer, the one picked at the top (lib/settings/picked-dealer.ts): the admin
 * header and tabs, then `body` in a card titled with that dealer and described by `cardDescription`;
 * before any dealer is connected, a note saying so instead.
 */
export async function pickedDealerPage(
  searchParams: Promise<SearchParams>,
  header: ComponentProps<typeof AdminHeader>,
  cardDescription: string,
  body: (dealer: Picked) => ReactNode,
): Promise<ReactNode> {
  const { chosen } = await adminPickedDealer(searchParams);
  return (
    <div>
      <AdminHeader {...header} />
      {chosen ? (
        <Card title={`${chosen.companyName} (CHeKT dealer ${chosen.chektDealerId})`} description={cardDescription}>
          {body(chosen)}
        </Card>
      ) : (
        <Alert tone="info" title="No dealer connected yet">
          Connect a dealer first.
        </Alert>
      )}
    </div>
  );
}
