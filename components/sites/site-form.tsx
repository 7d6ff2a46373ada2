"use client";
import { useRouter } from "next/navigation";
import { Input, Select } from "@/components/ui";
import { FormFooter } from "@/components/forms/form-actions";
import { TimeZoneField } from "@/components/forms/time-zone-field";
import { ExternalIdField } from "@/components/forms/external-id-field";
import { generateExternalId } from "@/lib/external-id";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionFn } from "@/components/forms/action-result";
import { createSiteSchema, siteChangesSchema } from "@/lib/schemas/site";

export type SiteFormValues = {
  external_site_id: string;
  name: string;
  timezone: string;
  monitoring_station_id: string;
  account_number: string;
  address1: string;
  address2: string;
};

export const EMPTY_SITE: SiteFormValues = {
  external_site_id: "",
  name: "",
  timezone: "",
  monitoring_station_id: "",
  account_number: "",
  address1: "",
  address2: "",
};

type Result = { site_id: number; name: string };

export type SiteFormProps =
  | {
      mode: "create";
      initial: SiteFormValues;
      stations: { id: number; name: string }[];
      action: ActionFn<SiteFormValues, Result>;
    }
  | {
      mode: "update";
      siteId: number;
      initial: SiteFormValues;
      stations: { id: number; name: string }[];
      action: ActionFn<Partial<SiteFormValues> & { site_id: number }, Result>;
    };

/** Create or edit a site. Field names are CHeKT's, so CHeKT's own 400 messages land beside them. */
export function SiteForm(props: SiteFormProps) {
  const router = useRouter();
  // Each mode calls its own action with its own input type: "update" sends the changed fields and the id.
  const send = (v: Partial<SiteFormValues>) =>
    props.mode === "update" ? props.action({ ...v, site_id: props.siteId }) : props.action({ ...EMPTY_SITE, ...v });
  const form = useActionForm<SiteFormValues, Partial<SiteFormValues>, Result>({
    initial: props.initial,
    mode: props.mode,
    guardUnsaved: true,
    schema: props.mode === "create" ? createSiteSchema : siteChangesSchema,
    prepare: (v) => (v.external_site_id.trim() ? v : { ...v, external_site_id: generateExternalId("site", v.name) }),
    action: send,
    toInput: (v) => v,
    successMessage: (d) => (props.mode === "create" ? `Site “${d?.name}” created` : `Site “${d?.name}” saved`),
    onSuccess: (d) => {
      router.push(`/sites/${d?.site_id ?? (props.mode === "update" ? props.siteId : "")}`);
      router.refresh();
    },
  });
  const f = form.field;
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="max-w-3xl space-y-5"
      aria-busy={form.pending}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Name" required {...f("name")} maxLength={120} placeholder="Gangnam Headquarters" />
        <ExternalIdField
          label="Site ID (yours)"
          required
          {...f("external_site_id")}
          uniqueAmong="this dealer's sites"
          onGenerate={
            props.mode === "create"
              ? () => form.set("external_site_id", generateExternalId("site", form.values.name))
              : undefined
          }
        />
        <TimeZoneField
          label="Time zone"
          required
          {...f("timezone")}
          placeholder="Start typing, e.g. New York"
          hint="The site's local time; alarms and times on its page use it."
        />
        <Select
          label="Monitoring station"
          {...f("monitoring_station_id")}
          placeholder="None"
          options={props.stations.map((s) => ({ value: String(s.id), label: s.name }))}
          hint={
            props.stations.length === 0
              ? "This dealer has no monitoring stations yet."
              : "Where the site's alarms are routed."
          }
        />
        <Input label="Account number" {...f("account_number")} maxLength={32} />
        <div className="hidden sm:block" />
        <Input label="Address" {...f("address1")} maxLength={200} wrapperClassName="sm:col-span-2" />
        <Input
          label="Address line 2"
          {...f("address2")}
          maxLength={200}
          wrapperClassName="sm:col-span-2"
          placeholder="Suite, floor"
        />
      </div>
      <FormFooter
        failure={form.failure}
        slow={form.slow}
        pending={form.pending}
        submitLabel={props.mode === "create" ? "Create site" : "Save changes"}
        pendingLabel={props.mode === "create" ? "Creating…" : "Saving…"}
        cancelHref={props.mode === "create" ? "/sites" : `/sites/${props.siteId}`}
      />
    </form>
  );
}
