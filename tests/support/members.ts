// Memberships for tests that stand in for the session source (getSessionUser mocked): since
// issue 13 a user may work only on the dealers they are a member of, with the role given there,
// so a stand-in user needs a users row and a membership of the test's dealer link.
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Member = { id: string; email: string; name: string; role: "viewer" | "operator" | "admin"; owner?: boolean };

/**
 * Makes each user (row created when missing) a member of the dealer link with their `role`; `owner` makes them the
 * organisation owner.
 */
export async function addMembers(prisma: PrismaClient, dealerLinkId: string, users: Member[]) {
  for (const u of users) {
    await prisma.user.upsert({
      where: { id: u.id },
      create: {
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: "not-a-bcrypt-hash",
        isOwner: !!u.owner,
      },
      update: { isOwner: !!u.owner },
    });
    await prisma.membership.upsert({
      where: { userId_dealerLinkId: { userId: u.id, dealerLinkId } },
      create: { userId: u.id, dealerLinkId, role: u.role },
      update: { role: u.role },
    });
  }
}
