"use client";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui";
import { FormFooter } from "@/components/forms/form-actions";
import { useActionForm } from "@/components/forms/use-action-form";
import type { ActionFn } from "@/components/forms/action-result";
import { createStationSchema, stationChangesSchema } from "@/lib/schemas/station";

export type StationFormValues = { external_monitoring_station_id: string; name: string; prefix: string; linecard: string };
export const EMPTY_STATION: StationFormValues = { external_monitoring_station_id: "", name: "", prefix: "", linecard: "" };
type Result = { monitoring_station_id: number; name: string };

export type StationFormProps = { initial: StationFormValues } & (
  | { mode: "create"; action: ActionFn<StationFormValues, Result> }
  | { mode: "update"; stationId: number; action: ActionFn<Partial<StationFormValues> & { monitoring_station_id: number }, Result> }
);

export function StationForm(props: StationFormProps) {
  const router = useRouter();
  const form = useActionForm<StationFormValues, never, Result>({
    initial: props.initial,
    mode: props.mode,
    schema: props.mode === "create" ? createStationSchema : stationChangesSchema,
    action: props.action as unknown as ActionFn<never, Result>,
    toInput: (v) => (props.mode === "update" ? { ...v, monitoring_station_id: props.stationId } : v) as never,
    successMessage: (d) => (props.mode === "create" ? `Station “${d?.name}” created` : `Station “${d?.name}” saved`),
    onSuccess: () => {
      router.push("/stations");
      router.refresh();
    },
  });
  const f = form.field;
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="max-w-2xl space-y-5" aria-busy={form.pending}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Input label="Name" required {...f("name")} maxLength={120} placeholder="Central Station East" />
        <Input label="Station ID (yours)" required {...f("external_monitoring_station_id")} maxLength={64} hint="Your own identifier, unique among this dealer's stations." />
        <Input label="Prefix" {...f("prefix")} maxLength={16} hint="Put in front of account numbers to tell this station's accounts apart." />
        <Input label="Linecard" {...f("linecard")} maxLength={32} hint="The receiver line card that takes this station's signals." />
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
