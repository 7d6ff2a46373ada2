import { DealerForm } from "@/components/dealer/dealer-form";
import { Freshness, type FreshnessProps } from "@/components/mirror/freshness";
import { text } from "@/components/sites/format";
import { Card, DetailField, UtcTime } from "@/components/ui";
import type { ResponseDealerDto } from "@/lib/schemas/contract";

/** The dealer's company profile as the mirror holds it: a form for an admin, the fields for everyone else. */
export function DealerProfileCard({
  profile,
  fresh,
  isAdmin,
}: {
  profile: ResponseDealerDto | null;
  fresh: FreshnessProps | null;
  isAdmin: boolean;
}) {
  return (
    <Card
      title="Company profile in CHeKT"
      description={
        isAdmin
          ? "Changes are saved in CHeKT; fields you leave alone keep their value."
          : "Only an admin can change these details."
      }
    >
      {fresh ? <Freshness {...fresh} className="mb-4" /> : null}
      {!profile ? (
        <p className="text-sm text-slate-600" data-testid="dealer-profile-missing">
          Not read from CHeKT yet: the first sync reads it, or press Refresh.
        </p>
      ) : isAdmin ? (
        <DealerForm
          initial={{
            company_name: profile.company_name ?? "",
            company_address1: profile.company_address1 ?? "",
            company_address2: profile.company_address2 ?? "",
            company_email: profile.company_email ?? "",
            company_phone_number: profile.company_phone_number ?? "",
          }}
        />
      ) : (
        <dl className="grid gap-4 sm:grid-cols-2" data-testid="dealer-profile">
          <DetailField label="Company name">{profile.company_name}</DetailField>
          <DetailField label="Email">{text(profile.company_email)}</DetailField>
          <DetailField label="Address">{text(profile.company_address1)}</DetailField>
          <DetailField label="Address line 2">{text(profile.company_address2)}</DetailField>
          <DetailField label="Phone">{text(profile.company_phone_number)}</DetailField>
          <DetailField label="In CHeKT since">
            <UtcTime at={profile.created_at} />
          </DetailField>
        </dl>
      )}
    </Card>
  );
}
