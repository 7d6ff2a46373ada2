// The role matrix, written once. docs/roles.md explains it in words; tests check both agree.
// The roles themselves are the database's enum (Prisma's enums module: plain values, client-safe).
import type { Role } from "@/lib/generated/prisma/enums";
import { keysOf } from "@/lib/keys-of";

export type { Role };

/** How a role is named on a page ("Admin"); code and URLs keep the lower-case value. */
export const ROLE_LABEL: Record<Role, string> = { admin: "Admin", operator: "Operator", viewer: "Viewer" };

const RANK = { viewer: 0, operator: 1, admin: 2 } as const satisfies Record<Role, number>;

/** Every role, lowest first (the order a role picker lists them in). */
export const ROLES = keysOf(RANK);

/** Roles are ordered: an admin may do everything an operator may, an operator everything a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
