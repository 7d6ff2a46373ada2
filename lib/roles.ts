// The role matrix, written once. docs/roles.md explains it in words; tests check both agree.
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** How a role is named on a page ("Admin"); code and URLs keep the lower-case value. */
export const ROLE_LABEL: Record<Role, string> = { admin: "Admin", operator: "Operator", viewer: "Viewer" };

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an admin may do everything an operator may, an operator everything a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
