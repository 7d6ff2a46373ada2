"use client";
import { useRouter } from "next/navigation";
import { Power, PowerOff } from "lucide-react";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { DeleteAction } from "@/components/forms/delete-action";
import { useGoTo } from "@/components/forms/use-go-to";
import { deleteSiteAction, setSiteActivationAction } from "@/actions/sites";

/** Activate/deactivate and delete, each behind a confirmation. Rendered only for operators and admins. */
export function SiteActions({ site }: { site: { site_id: number; name: string; is_activated: 0 | 1 } }) {
  const router = useRouter();
  const goTo = useGoTo();
  const active = site.is_activated === 1;
  return (
    <>
      <ConfirmAction
        action={setSiteActivationAction}
        input={{ site_id: site.site_id, is_activated: active ? 0 : 1 }}
        label={active ? "Deactivate" : "Activate"}
        icon={
          active ? (
            <PowerOff className="h-4 w-4" aria-hidden="true" />
          ) : (
            <Power className="h-4 w-4" aria-hidden="true" />
          )
        }
        title={active ? `Deactivate ${site.name}?` : `Activate ${site.name}?`}
        description={
          active
            ? "CHeKT stops monitoring this site: its alarms are no longer sent to the monitoring station " +
              "until you activate it again."
            : "CHeKT starts monitoring this site and sends its alarms to the monitoring station."
        }
        confirmLabel={active ? "Deactivate site" : "Activate site"}
        successMessage={active ? `${site.name} deactivated` : `${site.name} activated`}
        onDone={() => router.refresh()}
      />
      <DeleteAction
        action={deleteSiteAction}
        input={{ site_id: site.site_id }}
        name={site.name}
        noun="site"
        description={
          `The site “${site.name}” and its contacts and devices are deleted in CHeKT. ` + "This cannot be undone."
        }
        typeToConfirm={site.name}
        successMessage={`Site “${site.name}” deleted`}
        onDone={() => goTo("/sites")}
      />
    </>
  );
}
