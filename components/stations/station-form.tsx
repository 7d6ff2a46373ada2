"use client";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui";
import { FormFooter } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { ExternalIdField } from "@/components/forms/external-id-field";
import { generateExternalId } from "@/lib/external-id";
import type { ActionFn } from "@/components/forms/action-result";
import { createStationSchema, stationChangesSchema } from "@/lib/schemas/station";

export type StationFormValues = {
  external_monitoring_station_id: string;
  name: string;
  prefix: string;
  linecard: string;
};
export const EMPTY_STATION: StationFormValues = {
  external_monitoring_station_id: "",
  name: "",
  prefix: "",
  linecard: "",
};
type Result = { monitoring_station_id: number; name: string };

export type StationFormProps = { initial: StationFormValues } & (
  | { mode: "create"; action: ActionFn<StationFormValues, Result> }
  | {
      mode: "update";
      stationId: number;
      action: ActionFn<Partial<StationFormValues> & { monitoring_station_id: number }, Result>;
    }
);

export function StationForm(props: StationFormProps) {
  const router = useRouter();
  const send = (v: Partial<StationFormValues>) =>
    props.mode === "update"
      ? props.action({ ...v, monitoring_station_id: props.stationId })
      : props.action({ ...EMPTY_STATION, ...v });
  const form = useActionForm<StationFormValues, Partial<StationFormValues>, Result>({
    initial: props.initial,
    mode: props.mode,
    guardUnsaved: true,
    schema: props.mode === "create" ? createStationSchema : stationChangesSchema,
    prepare: (v) =>
      v.external_monitoring_station_id.trim()
        ? v
        : { ...v, external_monitoring_station_id: generateExternalId("station", v.name) },
    action: send,
    toInput: (v) => v,
    successMessage: (d) => (props.mode === "create" ? `Station “${d?.name}” created` : `Station “${d?.name}” saved`),
    onSuccess: () => {
      router.push("/stations");
      router.refresh();
    },
  });
  const f = form.field;
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="max-w-2xl space-y-5"
      aria-busy={form.pending}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Name" required {...f("name")} maxLength={120} placeholder="Central Station East" />
        <ExternalIdField
          label="Station ID (yours)"
          required
          {...f("external_monitoring_station_id")}
          uniqueAmong="this dealer's stations"
          onGenerate={
            props.mode === "create"
              ? () => form.set("external_monitoring_station_id", generateExternalId("station", form.values.name))
              : undefined
          }
        />
        <Input
          label="Prefix"
          {...f("prefix")}
          maxLength={16}
          hint="Put in front of account numbers to tell this station's accounts apart."
        />
        <Input
          label="Linecard"
          {...f("linecard")}
          maxLength={32}
          hint="The receiver line card that takes this station's signals."
        />
      </div>
      <FormFooter
        failure={form.failure}
        slow={form.slow}
        pending={form.pending}
        submitLabel={props.mode === "create" ? "Create station" : "Save station"}
        pendingLabel="Saving…"
        cancelHref="/stations"
      />
    </form>
  );
}
