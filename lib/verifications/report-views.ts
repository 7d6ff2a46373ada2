import "server-only";
import { prisma } from "@/lib/db";

/**
 * Records that `user` opened the verification's detail view, once: the first opener's time is the
 * desk report's "first view"; later opens (a reload, another operator) change nothing.
 * Call it only after the verification was found for this dealer link.
 */
export async function recordFirstView(
  dealerLinkId: string,
  verificationId: string,
  user: { id: string; name: string },
  at: Date = new Date(),
) {
  await prisma.$executeRaw`
    INSERT INTO verification_views (dealer_link_id, verification_id, user_id, user_name, first_viewed_at)
    VALUES (${dealerLinkId}, ${verificationId}, ${user.id}, ${user.name}, ${at})
    ON CONFLICT (dealer_link_id, verification_id) DO NOTHING`;
}
