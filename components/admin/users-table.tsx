import { Badge, DataTable, listSort, UtcTime, type Column } from "@/components/ui";
import { UserRoleSelect } from "@/components/admin/user-role-select";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { usersList, type UsersListState } from "@/lib/users/list-state";
import type { listUsers } from "@/lib/users/service";

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

function UserCell({ u, isSelf }: { u: UserRow; isSelf: boolean }) {
  return (
    <>
      {/* A name or address with no space would otherwise set the column's width and push the actions off;
          wrapped anywhere, but the column keeps room for an ordinary address on one line. */}
      <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">{u.name}</span>
      {isSelf ? (
        <Badge tone="info" className="ml-2">
          You
        </Badge>
      ) : null}
      {u.isOwner ? (
        <Badge tone="neutral" className="ml-2">
          Organisation owner
        </Badge>
      ) : null}
      <div className="min-w-48 text-xs text-slate-500 [overflow-wrap:anywhere]">{u.email}</div>
    </>
  );
}

/** Failed sign-ins in the last day: amber from the first, red from five. */
function FailedSignIns({ u }: { u: UserRow }) {
  return (
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
  );
}

function userColumns(meId: string, dealerName: string): Column<UserRow>[] {
  const rowProps = (u: UserRow) => ({
    userId: u.id,
    email: u.email,
    role: u.role,
    disabled: u.disabled,
    isSelf: u.id === meId,
    dealerName,
  });
  return [
    {
      key: "email",
      header: "User",
      sortable: true,
      card: "title",
      cell: (u) => <UserCell u={u} isSelf={u.id === meId} />,
    },
    { key: "role", header: "Role", sortable: true, cell: (u) => <UserRoleSelect {...rowProps(u)} /> },
    {
      key: "status",
      header: "Status",
      sortable: true,
      cell: (u) => (u.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
    },
    { key: "failed", header: "Failed sign-ins (24 h)", cell: (u) => <FailedSignIns u={u} /> },
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
  ];
}

/** A dealer's members, one page, each with the controls an admin changes them by. */
export function UsersTable({
  rows,
  state,
  meId,
  dealerName,
}: {
  rows: UserRow[];
  state: UsersListState;
  meId: string;
  dealerName: string;
}) {
  return (
    <DataTable<UserRow>
      caption="People"
      testId="users-table"
      flush
      rows={rows}
      rowAttrs={(u) => ({ "data-email": u.email })}
      empty={<p className="p-6 text-center text-sm text-slate-500">Nobody matches this search.</p>}
      sort={listSort(usersList, state)}
      columns={userColumns(meId, dealerName)}
    />
  );
}
