"use client";
import { Input, Select } from "@/components/ui";
import { ActionFormLayout, objectFormLabels } from "@/components/forms/form-actions";
import { TimeZoneField } from "@/components/forms/time-zone-field";
import { FormExternalIdField, type ExternalIdRule } from "@/components/forms/external-id-field";
import type { ActionForm } from "@/components/forms/use-action-form";
import type { FormMode } from "@/components/forms/form-values";
import { ObjectForm } from "@/components/forms/object-form";
import { createInputRun, editRun } from "@/components/forms/use-object-form";
import { createSiteAction, updateSiteAction } from "@/actions/sites";
import { createSiteSchema, siteChangesSchema, type SiteText } from "@/lib/schemas/site";

export type SiteFormValues = SiteText;

type Stations = { id: number; name: string }[];

const SITE_ID: ExternalIdRule<SiteFormValues> = { field: "external_site_id", kind: "site", nameOf: (v) => v.name };

export type SiteFormProps =
  | { mode: "create"; initial: SiteFormValues; stations: Stations }
  | { mode: "update"; siteId: number; initial: SiteFormValues; stations: Stations };

/** Create or edit a site. Field names are CHeKT's, so CHeKT's own 400 messages land beside them. */
export function SiteForm(props: SiteFormProps) {
  const run = props.mode === "create" ? createSite(props.initial) : editSite(props.initial, props.siteId);
  const cancelHref = props.mode === "create" ? "/sites" : `/sites/${props.siteId}`;
  return (
    <ObjectForm
      run={run}
      fields={(form) => <SiteFields form={form} stations={props.stations} mode={props.mode} cancelHref={cancelHref} />}
    />
  );
}

function createSite(initial: SiteFormValues) {
  return createInputRun(createSiteAction, initial, SITE_ID, {
    schema: createSiteSchema,
    successMessage: (d) => `Site “${d?.name}” created`,
    next: (d) => `/sites/${d?.site_id ?? 0}`,
  });
}

function editSite(initial: SiteFormValues, siteId: number) {
  return editRun(updateSiteAction, initial, {
    schema: siteChangesSchema,
    toInput: (v) => ({ ...v, site_id: siteId }),
    successMessage: (d) => `Site “${d?.name}” saved`,
    next: (d) => `/sites/${d?.site_id ?? siteId}`,
  });
}

function SiteFields({
  form,
  stations,
  mode,
  cancelHref,
}: {
  form: ActionForm<SiteFormValues>;
  stations: Stations;
  mode: FormMode;
  cancelHref: string;
}) {
  const f = form.field;
  return (
    <ActionFormLayout
      form={form}
      className="max-w-3xl"
      {...objectFormLabels(mode, "Create", "site")}
      cancelHref={cancelHref}
    >
      <Input label="Name" required {...f("name")} maxLength={120} placeholder="Gangnam Headquarters" />
      <FormExternalIdField form={form} rule={SITE_ID} create={mode === "create"} />
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
        options={stations.map((s) => ({ value: String(s.id), label: s.name }))}
        hint={
          stations.length === 0 ? "This dealer has no monitoring stations yet." : "Where the site's alarms are routed."
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
    </ActionFormLayout>
  );
}
