import { PageHeader, TabNav, type PageHeaderProps } from "@/components/ui";

/** The admin pages' tabs, in order: each page's path and its tab's label. */
const TABS = {
  "/settings": "Connection",
  "/settings/app-devices": "CHeKT App devices",
  "/verifications/settings": "Desk settings",
  "/users": "Users",
  "/webhook-log": "Webhook log",
  "/drift": "Drift",
  "/audit": "Audit",
} as const;

type AdminTab = keyof typeof TABS;
const ADMIN_TABS = Object.entries(TABS).map(([href, label]) => ({ href, label }));

/** An admin page's head: its header, then the tabs across the admin pages with this one current. */
export function AdminHeader({ current, ...header }: PageHeaderProps & { current: AdminTab }) {
  return (
    <>
      <PageHeader {...header} />
      <TabNav label="Settings sections" tabs={ADMIN_TABS} current={current} />
    </>
  );
}
