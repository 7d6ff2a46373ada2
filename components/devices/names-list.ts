// Bulk confirmations name what they act on: the first `limit` names, then "and N more".
export function namesList(names: readonly string[], limit = 20): { shown: string[]; more: number } {
  return { shown: names.slice(0, limit), more: Math.max(0, names.length - limit) };
}
