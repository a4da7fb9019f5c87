/**
 * Matches a return's rows to its template's definitions by id, once per validation, so the rules and the figures agree
 * on which row counts: the first row of each id the template defines; unknown ids and repeats are kept apart.
 */

export interface MatchedRows<Def, Entry> {
  /** The first row of each id the template defines, with its definition, in row order. */
  readonly known: { readonly def: Def; readonly entry: Entry }[];
  /** Rows whose id the template does not define. */
  readonly unknown: Entry[];
  /** Later rows of an id already matched. */
  readonly repeated: Entry[];
}

export function matchRows<Def, Entry>(
  entries: readonly Entry[],
  idOf: (entry: Entry) => string,
  defOf: (id: string) => Def | undefined,
): MatchedRows<Def, Entry> {
  const matched: MatchedRows<Def, Entry> = { known: [], unknown: [], repeated: [] };
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = idOf(entry);
    const def = defOf(id);
    if (def === undefined) matched.unknown.push(entry);
    else if (seen.has(id)) matched.repeated.push(entry);
    else {
      seen.add(id);
      matched.known.push({ def, entry });
    }
  }
  return matched;
}
