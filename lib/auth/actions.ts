"use server";
import { writeAudit } from "@/lib/audit";
import { prisma } from "@/lib/db";
import { signOut } from "./index";
import { getSessionUser } from "./session";

/** Signs out and lands on the sign-in page. Leaves an audit row when someone was signed in. */
export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) {
    await writeAudit(prisma, { action: "auth.sign_out", objectKind: "user", externalId: user.id, outcome: "success", user });
  }
  await signOut({ redirectTo: "/sign-in" });
}
