import type { Metadata } from "next";
import { Card, ListFilters, ListPager, PageSizeSelect, SearchField } from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UsersTable } from "@/components/admin/users-table";
import { NoDealerPage } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { PAGE_SIZES } from "@/lib/list-state/pages";
import { pageOfUsers, usersList } from "@/lib/users/list-state";
import { listUsers } from "@/lib/users/service";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Users" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function UsersPage({ searchParams }: SearchParamsProps) {
  // A dealer admin sees and manages the members of the dealer they work on, nobody else.
  const { user: me, dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerPage header={<AdminHeader current="/users" title={metadata.title} />} />;
  const state = usersList.parse(await searchParams);
  const page = pageOfUsers(await listUsers(dealer.id), state);
  return (
    <div>
      <AdminHeader
        current="/users"
        title={metadata.title}
        description={
          `Who may work on ${dealer.companyName}, and with which role. Disabling or resetting a password ` +
          "ends that user's sessions; removing them from this dealer leaves their other dealers as they are."
        }
      />
      <div className="space-y-6">
        <Card title="People" flush>
          <div className="p-4 pb-0">
            <ListFilters list={usersList} state={state} fields={["q", "per"]} filtered={!!state.q}>
              <SearchField label="Search people" value={state.q} placeholder="Name or email" />
              <PageSizeSelect value={state.per} sizes={PAGE_SIZES} />
            </ListFilters>
          </div>
          <UsersTable rows={page.rows} state={state} meId={me.id} dealerName={dealer.companyName} />
          <div className="px-4 pb-4">
            <ListPager list={usersList} state={state} of={page} per={state.per} />
          </div>
        </Card>
        <Card
          title="Add a user"
          description={`They sign in with this email and the initial password, as a member of ${dealer.companyName}.`}
        >
          <CreateUserForm />
        </Card>
      </div>
    </div>
  );
}
