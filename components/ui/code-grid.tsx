/**
 * Short codes to copy down, two to a row in monospace: the recovery codes, both when two-factor sign-in
 * is set up and when new ones are made on the account page. A list named by `label` for screen readers.
 */
export function CodeGrid({ label, codes }: { label: string; codes: readonly string[] }) {
  return (
    <ul
      className="grid max-w-md grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900"
      aria-label={label}
    >
      {codes.map((c) => (
        <li key={c}>{c}</li>
      ))}
    </ul>
  );
}
