// "Prove it is you" checks for a signed-in user (changing the password, turning two-factor off):
// throttled like sign-in, so a borrowed session cannot be used to guess the password.
import "server-only";
import { headers } from "next/headers";
import { ActionError } from "@/lib/actions/errors";
import { prisma } from "@/lib/db";
import { requestIp } from "./request-ip";
import { verifyPassword } from "./password";
import { reserveAttempt, settleAttempt, throttleMessage } from "./throttle";

/** Throws an ActionError (field message on `field`) unless `password` is the user's current one. */
export async function checkCurrentPassword(userId: string, password: string, field = "currentPassword"): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw new ActionError("unauthenticated", "Your account is not active. Sign in again.");
  const ip = requestIp(await headers());
  const verdict = await reserveAttempt(prisma, user.email, ip);
  if (!verdict.allowed)
    throw new ActionError("throttled", throttleMessage(verdict.retryAt), {
      [field]: "Too many wrong passwords: wait and try again",
    });
  const ok = await verifyPassword(password, user.passwordHash);
  await settleAttempt(prisma, verdict.ticket, ok);
  if (!ok)
    throw new ActionError("wrong_password", "Your current password is not right.", {
      [field]: "Not your current password",
    });
}
