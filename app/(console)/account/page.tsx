import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { ChangePasswordForm } from "@/components/admin/change-password-form";
import { requireRole } from "@/lib/auth/require";
import { ROLE_LABEL } from "@/lib/roles";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { administeredDealerLinkIds } from "@/lib/dealer";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { DealerTwoFactor } from "./dealer-two-factor";
import { TwoFactorCard } from "./two-factor-card";

export const metadata = { title: "Account" } satisfies Metadata;
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const me = await requireRole("viewer");
  const [status, administered] = await Promise.all([
    twoFactorStatus(prisma, me.id, env.SECRETS_ENCRYPTION_KEY),
    administeredDealerLinkIds(me.id),
  ]);
  const dealers =
    administered === null || administered.length > 0
      ? await prisma.dealerLink.findMany({
          where: administered === null ? {} : { id: { in: administered } },
          orderBy: { chektDealerId: "asc" },
          select: { id: true, companyName: true, requireTwoFactor: true },
        })
      : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Your account" description={`${me.name} · ${me.email} · ${ROLE_LABEL[me.role]}`} />
      <Card title="Change your password" description="Every other browser signed in as you is signed out.">
        <ChangePasswordForm />
      </Card>
      <Card title="Two-factor sign-in">
        <TwoFactorCard
          enabled={status.enabled}
          enabledAt={status.enabledAt?.toISOString() ?? null}
          recoveryCodesLeft={status.recoveryCodesLeft}
          required={status.required}
        />
      </Card>
      {dealers.length ? (
        <Card
          title="Your dealers' sign-in policy"
          description="As their admin, you can require a second factor of everyone who works for a dealer."
        >
          <DealerTwoFactor
            dealers={dealers.map((d) => ({ id: d.id, companyName: d.companyName, required: d.requireTwoFactor }))}
          />
        </Card>
      ) : null}
    </div>
  );
}
