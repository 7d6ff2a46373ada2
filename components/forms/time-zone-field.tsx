"use client";
import { Input, type InputProps } from "@/components/ui";
import { timeZones } from "@/lib/schemas/timezones";

/** A text field with every IANA zone as suggestions: type "york" or "seoul" and pick. */
export function TimeZoneField(props: Omit<InputProps, "list">) {
  const listId = `${props.name ?? "tz"}-zones`;
  return (
    <>
      <Input {...props} list={listId} autoComplete="off" spellCheck={false} />
      <datalist id={listId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
