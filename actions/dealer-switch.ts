"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { actionClient } from "@/lib/actions/client";
import { ActionError } from "@/lib/actions/errors";
import { DEALER_COOKIE, listMyDealers } from "@/lib/dealer";

/**
 * The dealer switcher: remembers the chosen dealer in an httpOnly cookie. A view preference, so
 * notAudited (no audit row); only a connected dealer the user is a member of can be chosen (and a
 * hand-edited cookie is ignored by lib/dealer.ts anyway).
 */
export const switchDealerAction = actionClient
  .metadata({ name: "dealer.switch", role: "viewer", notAudited: true })
  .inputSchema(z.object({ dealerLinkId: z.string().min(1).max(64) }))
  .action(async ({ parsedInput, ctx }) => {
    const dealers = await listMyDealers(ctx.user.id);
    const dealer = dealers.find((d) => d.id === parsedInput.dealerLinkId);
    if (!dealer)
      throw new ActionError(
        "not_found",
        "That dealer is not connected any more, or you are not a member of it. Reload the page.",
      );
    (await cookies()).set(DEALER_COOKIE, dealer.id, {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production" && (process.env.APP_URL ?? "").startsWith("https:"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    revalidatePath("/", "layout");
    return { companyName: dealer.companyName };
  });
