import type { Metadata } from "next";
import {
  Badge,
  Card,
  DataTable,
  ListFilters,
  listSort,
  ListPager,
  PageSizeSelect,
  SearchField,
  UtcTime,
} from "@/components/ui";
import { AdminHeader } from "@/components/admin/admin-nav";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRoleSelect, UserRowActions } from "@/components/admin/user-row-actions";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { sortAndPage } from "@/lib/list-state/memory";
import { USER_PAGE_SIZES, usersList, type UsersListState } from "@/lib/users/list-state";
import { listUsers } from "@/lib/users/service";
import type { SearchParamsProps } from "@/lib/list-state/search-params";

export const metadata = { title: "Users" } satisfies Metadata;
export const dynamic = "force-dynamic";

type Row = Awaited<ReturnType<typeof listUsers>>[number];

const SORT_KEY: Record<Exclude<UsersListState["sort"], "">, (u: Row) => string | Date | null> = {
  email: (u) => u.email,
  role: (u) => u.role,
  status: (u) => (u.disabled ? "disabled" : "active"),
  lastSignIn: (u) => u.lastSignInAt,
};

export default async function UsersPage({ searchParams }: SearchParamsProps) {
  // A dealer admin sees and manages the members of the dealer they work on, nobody else.
  const { user: me, dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerState />;
  const state = usersList.parse(await searchParams);
  const q = state.q.toLowerCase();
  const all = await listUsers(dealer.id);
  const matching = q ? all.filter((u) => u.email.toLowerCase().includes(q) || u.name.toLowerCase().includes(q)) : all;
  // No sort chosen: the service's order (enabled first, then by email).
  const page = sortAndPage(matching, state.sort ? SORT_KEY[state.sort] : () => null, state.dir, state.page, state.per);
  const dealerName = dealer.companyName;
  const rowProps = (u: Row) => ({
    userId: u.id,
    email: u.email,
    role: u.role,
    disabled: u.disabled,
    isSelf: u.id === me.id,
    dealerName,
  });
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
              <PageSizeSelect value={state.per} sizes={USER_PAGE_SIZES} />
            </ListFilters>
          </div>
          <DataTable<Row>
            caption="People"
            testId="users-table"
            flush
            className="max-md:px-4"
            rows={page.rows}
            rowKey={(u) => u.id}
            rowAttrs={(u) => ({ "data-email": u.email })}
            empty={<p className="p-6 text-center text-sm text-slate-500">Nobody matches this search.</p>}
            sort={listSort(usersList, state)}
            columns={[
              {
                key: "email",
                header: "User",
                sortable: true,
                card: "title",
                cell: (u) => (
                  <>
                    <span className="font-medium text-slate-900">{u.name}</span>
                    {u.id === me.id ? (
                      <Badge tone="info" className="ml-2">
                        You
                      </Badge>
                    ) : null}
                    {u.isOwner ? (
                      <Badge tone="neutral" className="ml-2">
                        Organisation owner
                      </Badge>
                    ) : null}
                    <div className="text-xs text-slate-500">{u.email}</div>
                  </>
                ),
              },
              { key: "role", header: "Role", sortable: true, cell: (u) => <UserRoleSelect {...rowProps(u)} /> },
              {
                key: "status",
                header: "Status",
                sortable: true,
                cell: (u) =>
                  u.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>,
              },
              {
                key: "failed",
                header: "Failed sign-ins (24 h)",
                cell: (u) => (
                  <span data-testid="failed-attempts">
                    {u.failedAttempts24h > 0 ? (
                      <span className={u.failedAttempts24h >= 5 ? "font-medium text-red-700" : "text-amber-800"}>
                        {u.failedAttempts24h}{" "}
                        <span className="text-xs text-slate-500">
                          last <UtcTime at={u.lastFailedAt} />
                        </span>
                      </span>
                    ) : (
                      <span className="text-slate-500">0</span>
                    )}
                  </span>
                ),
              },
              {
                key: "lastSignIn",
                header: "Last sign-in",
                sortable: true,
                className: "text-slate-600",
                cell: (u) => <UtcTime at={u.lastSignInAt} />,
              },
              {
                key: "actions",
                header: <span className="sr-only">Actions</span>,
                card: "actions",
                cell: (u) => <UserRowActions {...rowProps(u)} />,
              },
            ]}
          />
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
