import type { DealerChoice } from "@/lib/settings/dealers";

/** A plain GET form (works without JavaScript): the chosen dealer lives in the URL. */
export function DealerPicker({ choices, chosenId, extra }: { choices: DealerChoice[]; chosenId?: string; extra?: Record<string, string> }) {
  if (choices.length === 0) return null;
  return (
    <form method="get" className="flex items-end gap-2">
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="text-sm">
        <span className="block font-medium text-slate-700">Dealer</span>
        <select name="dealer" defaultValue={chosenId} className="mt-1 block rounded-md border-0 bg-white py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600">
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.companyName} (#{c.chektDealerId}{c.connected ? "" : ", not connected"})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="h-9 rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
        Show
      </button>
    </form>
  );
}
