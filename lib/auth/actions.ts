"use server";
import { randomUUID } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { releaseClaimsOf } from "@/lib/verifications/claims";
import { signOut } from "./index";
import { getEnrolmentUser } from "./session";
import { endSessions } from "./sessions";

/**
 * Signs out and lands on the sign-in page. Ends every session of the user, not only this
 * browser's (a forgotten tab on a shared desk stops working too), hands the alarms they claimed
 * back to the queue, and leaves an audit row.
 */
export async function signOutAction(): Promise<void> {
  const signedIn = await getEnrolmentUser();
  if (signedIn) {
    const { user } = signedIn;
    await prisma.$transaction(async (tx) => {
      const sessionsEnded = await endSessions(tx, user.id, "sign_out");
      const claimsReleased = await releaseClaimsOf(user.id, tx);
      await writeAudit(tx, {
        action: "auth.sign_out",
        objectKind: "user",
        externalId: user.id,
        outcome: "success",
        user,
        traceId: randomUUID(),
        after: { sessionsEnded, claimsReleased },
      });
    });
  }
  await signOut({ redirectTo: "/sign-in" });
}
