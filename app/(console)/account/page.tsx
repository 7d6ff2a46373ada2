import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { ChangePasswordForm } from "@/components/admin/change-password-form";
import { requireRole } from "@/lib/auth/require";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const me = await requireRole("viewer");
  return (
    <div>
      <PageHeader title="Your account" description={`${me.name} · ${me.email} · ${me.role}`} />
      <Card title="Change your password">
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
