import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { Search } from "lucide-react";
import { buttonClasses } from "./button";
import { cn } from "./cn";
import { Alert } from "./alert";
import { Input, Select, type SelectOption } from "./field";
import { SubmitButton } from "./submit-button";

/**
 * Hidden inputs carrying the rest of a list's URL state through a GET form: `search` is the list's
 * own link for its current state (lib/list-state's `search`), `omit` the keys the form itself sets.
 * The page is never carried: new filters start at page 1.
 */
export function KeepState({ search, omit }: { search: string; omit: readonly string[] }) {
  const params = [...new URLSearchParams(search.replace(/^\?/, ""))].filter(([k]) => k !== "page" && !omit.includes(k));
  return (
    <>
      {params.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

/** What a filter bar needs of a list's URL state (lib/list-state's defineListState). */
type FilteredList<S> = { path: string; noun: string; search: (state: S) => string };

export type ListFiltersProps<S> = {
  /** The list: the form sends its fields to the list's page as a GET (a new, bookmarkable URL). */
  list: FilteredList<S>;
  /** The list's current state: the form carries what its own `fields` do not set. */
  state: S;
  /** The keys this form's own fields set (the rest of the state is kept). */
  fields: readonly string[];
  /**
   * Whether any filter is set: shows the "Clear filters" link back to the list's page. Given the
   * list's state instead, any of `fields` set in it counts.
   */
  filtered: boolean | Readonly<Record<string, unknown>>;
  children: ReactNode;
  /** Shown after the buttons (e.g. what a link-only filter is set to). */
  after?: ReactNode;
  className?: string;
};

/**
 * THE filter bar of every list page: a plain GET form (works without JavaScript, every change is
 * a URL the back button steps through), its fields, "Apply filters" (one label on every list) and
 * "Clear filters". The list's parser module (lib/list-state) reads what it sends; a bad value there
 * falls back to "any".
 */
export function ListFilters<S>({ list, state, fields, filtered, children, after, className }: ListFiltersProps<S>) {
  const search = list.search(state);
  return (
    // Keyed by the URL state: after "Clear filters" or Back (client navigations) the fields must show the new
    // state, and an uncontrolled field keeps what was picked when only its defaultValue changes.
    <Form
      key={search}
      action={list.path}
      className={cn("mb-4 flex flex-wrap items-end gap-3", className)}
      role="search"
      aria-label={`Filter ${list.noun}`}
    >
      <KeepState search={search} omit={fields} />
      {children}
      <SubmitButton variant="secondary" icon={<Search className="h-4 w-4" aria-hidden="true" />}>
        Apply filters
      </SubmitButton>
      {after}
      {(typeof filtered === "boolean" ? filtered : fields.some((f) => Boolean(filtered[f]))) ? (
        <Link href={list.path} className={buttonClasses("ghost", "md")}>
          Clear filters
        </Link>
      ) : null}
    </Form>
  );
}

/** The rows-per-page choice every paged list offers. */
export function PageSizeSelect({ value, sizes }: { value: number; sizes: readonly number[] }) {
  return (
    <Select
      label="Rows"
      name="per"
      defaultValue={String(value)}
      wrapperClassName="w-24"
      options={sizes.map((n) => ({ value: String(n), label: String(n) }))}
    />
  );
}

type FilterSelectProps = {
  label: string;
  name: string;
  value?: string;
  options: readonly (SelectOption | string)[];
  width: string;
  anyLabel?: string;
};

/**
 * A filter's choice list. Its first choice, `anyLabel` ("Any", "All"), is the empty value: no
 * filter (the list's parser reads a blank as "any"). `width` is the field's Tailwind width class.
 */
export function FilterSelect({ value, width, anyLabel = "Any", ...field }: FilterSelectProps) {
  return <Select {...field} defaultValue={value} wrapperClassName={width} placeholder={anyLabel} />;
}

/** FilterSelects side by side, one a line of data; each shows the list state's value under its `name`. */
export function FilterSelects({
  state,
  selects,
}: {
  state: Readonly<Record<string, unknown>>;
  selects: readonly Omit<FilterSelectProps, "value">[];
}) {
  return (
    <>
      {selects.map((select) => {
        const value = state[select.name];
        return <FilterSelect key={select.name} {...select} value={value ? String(value) : ""} />;
      })}
    </>
  );
}

/**
 * One field of a filter bar declared as data: a choice list, or a text field (`list` names a datalist).
 * `Name` is the list state's keys, so a field can only be named for a control the list's URL state has.
 */
export type FilterField<Name extends string = string> =
  | ({ kind: "select"; name: Name } & Omit<FilterSelectProps, "value" | "name">)
  | { kind: "text"; label: string; name: Name; placeholder: string; width: string; list?: string };

/** A filter bar's state: a list's URL state (lib/list-state), whose `search` writes it back as a link. */
type BarState = Readonly<Record<string, string | number | undefined>>;

/**
 * A filter bar declared as data over one list (lib/list-state): `fields` in order, then From and To
 * when `dates`, each showing the list state's value under its name; the keys the form sets, "is
 * anything filtered", the page it sends to and the rest of the state it carries follow from the
 * same list. `children` go after the fields (e.g. a datalist). Under the bar, what the list's parser
 * refused in the URL (`ignored`, IgnoredFilters), so every filtered list says it in the same place.
 */
export function FilterBar<S extends BarState>({
  fields,
  dates = false,
  state,
  ignored,
  children,
  ...bar
}: Omit<ListFiltersProps<S>, "fields" | "filtered" | "children" | "state"> & {
  fields: readonly FilterField<keyof S & string>[];
  dates?: boolean;
  state: S;
  ignored: readonly string[];
  children?: ReactNode;
}) {
  const names = [...fields.map((f) => f.name), ...(dates ? ["from", "to"] : [])];
  const value = (name: string) => (state[name] ? String(state[name]) : "");
  return (
    <>
      <ListFilters {...bar} state={state} fields={names} filtered={state}>
        {fields.map((field) => (
          <FilterFieldInput key={field.name} field={field} value={value(field.name)} />
        ))}
        {dates ? <DateRangeFields from={value("from")} to={value("to")} /> : null}
        {children}
      </ListFilters>
      <IgnoredFilters errors={ignored} />
    </>
  );
}

function FilterFieldInput({ field, value }: { field: FilterField; value: string }) {
  if (field.kind === "select") {
    const { kind, ...select } = field;
    return <FilterSelect {...select} value={value} />;
  }
  const { kind, width, ...text } = field;
  return <Input {...text} defaultValue={value} wrapperClassName={width} />;
}

/** A list's free-text search: `q` in the URL, at most 100 characters as the lists' parsers take (text(100)). */
export function SearchField({ label, value, placeholder }: { label: string; value: string; placeholder: string }) {
  return (
    <Input
      label={label}
      name="q"
      type="search"
      defaultValue={value}
      placeholder={placeholder}
      wrapperClassName="w-full sm:w-64"
      maxLength={100}
    />
  );
}

/** The From and To date fields of a list filtered by day. */
export function DateRangeFields({ from, to }: { from?: string; to?: string }) {
  return (
    <>
      <Input label="From" type="date" name="from" defaultValue={from} wrapperClassName="w-40" />
      <Input label="To" type="date" name="to" defaultValue={to} wrapperClassName="w-40" />
    </>
  );
}

/** Says which of the URL's filters could not be read (the list falls back to "any" for them). */
export function IgnoredFilters({ errors }: { errors: readonly string[] }) {
  if (!errors.length) return null;
  return (
    <Alert tone="warning" title="Some filters were ignored" className="mb-4">
      {errors.join(" ")}
    </Alert>
  );
}
