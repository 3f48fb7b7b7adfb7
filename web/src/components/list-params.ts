// List state (page, search, filters) kept in the URL's query string, so a
// filtered page can be bookmarked, shared and restored with Back.
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ListParams<F extends Record<string, string>> = F & { page: number };

export function useListParams<F extends Record<string, string>>(initialDefaults: F) {
  const [search, setSearch] = useSearchParams();
  // A page passes its defaults as a literal: the first render's are kept.
  const [defaults] = useState(initialDefaults);

  const values = useMemo(() => {
    const out: Record<string, string | number> = { ...defaults };
    for (const key of Object.keys(defaults)) {
      const v = search.get(key);
      if (v !== null) out[key] = v;
    }
    const page = Number(search.get('page') ?? '1');
    out.page = Number.isInteger(page) && page > 0 ? page : 1;
    return out as ListParams<F>;
  }, [search, defaults]);

  /** Sets filters and/or the page; a changed filter goes back to page 1. */
  const update = useCallback(
    (patch: Partial<F> & { page?: number }) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          let filterChanged = false;
          for (const [k, v] of Object.entries(patch)) {
            if (k === 'page') continue;
            const value = v === undefined || v === null ? '' : String(v);
            if (value !== (prev.get(k) ?? defaults[k] ?? '')) filterChanged = true;
            if (value === '' || value === defaults[k]) next.delete(k);
            else next.set(k, value);
          }
          // A changed filter starts again at page 1, whatever page was passed.
          const page = filterChanged ? 1 : (patch.page ?? 1);
          if (page > 1) next.set('page', String(page));
          else next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSearch, defaults],
  );

  return [values, update] as const;
}
