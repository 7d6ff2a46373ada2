import type { Metadata } from "next";
import { Badge, Card, PageHeader } from "@/components/ui";
import { AdminNav } from "@/components/admin/admin-nav";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRoleSelect, UserRowActions } from "@/components/admin/user-row-actions";
import { NoDealerState } from "@/components/shell/no-dealer";
import { requirePageScope } from "@/lib/auth/require";
import { listUsers } from "@/lib/users/service";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const fmt = (d: Date | null) => (d ? `${d.toISOString().replace("T", " ").slice(0, 16)} UTC` : "—");

export default async function UsersPage() {
  // A dealer admin sees and manages the members of the dealer they work on, nobody else.
  const { user: me, dealer } = await requirePageScope("admin");
  if (!dealer) return <NoDealerState />;
  const users = await listUsers(dealer.id);
  return (
    <div>
      <PageHeader
        title="Users"
        description={`Who may work on ${dealer.companyName}, and with which role. Disabling or resetting a password ends that user's sessions; removing them from this dealer leaves their other dealers as they are.`}
      />
      <AdminNav current="/users" />
      <div className="space-y-6">
        <Card title="People" flush>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th className="px-4 py-2.5">User</th>
                  <th className="px-4 py-2.5">Role</th>
                  <th className="px-4 py-2.5">Status</th>
                  <th className="px-4 py-2.5">Failed sign-ins (24 h)</th>
                  <th className="px-4 py-2.5">Last sign-in</th>
                  <th className="px-4 py-2.5"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((u) => {
                  const props = { userId: u.id, email: u.email, role: u.role, disabled: u.disabled, isSelf: u.id === me.id, dealerName: dealer.companyName };
                  return (
                    <tr key={u.id} data-email={u.email}>
                      <td className="px-4 py-2.5">
                        <span className="font-medium text-slate-900">{u.name}</span>
                        {u.id === me.id ? <Badge tone="info" className="ml-2">you</Badge> : null}
                        {u.isOwner ? <Badge tone="neutral" className="ml-2">organisation owner</Badge> : null}
                        <div className="text-xs text-slate-500">{u.email}</div>
                      </td>
                      <td className="px-4 py-2.5"><UserRoleSelect {...props} /></td>
                      <td className="px-4 py-2.5">{u.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</td>
                      <td className="px-4 py-2.5" data-testid="failed-attempts">
                        {u.failedAttempts24h > 0 ? (
                          <span className={u.failedAttempts24h >= 5 ? "font-medium text-red-700" : "text-amber-800"}>
                            {u.failedAttempts24h} <span className="text-xs text-slate-500">last {fmt(u.lastFailedAt)}</span>
                          </span>
                        ) : (
                          <span className="text-slate-500">0</span>
                        )}
                      </td>
                      <td className="px-4 py-2.5 text-slate-600">{fmt(u.lastSignInAt)}</td>
                      <td className="px-4 py-2.5"><UserRowActions {...props} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="Add a user" description={`They sign in with this email and the initial password, as a member of ${dealer.companyName}.`}>
          <CreateUserForm />
        </Card>
      </div>
    </div>
  );
}
