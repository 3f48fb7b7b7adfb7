// List state (page, search, filters) kept in the URL's query string, so a
// filtered page can be bookmarked, shared and restored with Back.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type ListParams<F extends Record<string, string>> = F & { page: number };

export function useListParams<F extends Record<string, string>>(defaults: F) {
  const [search, setSearch] = useSearchParams();

  const values = useMemo(() => {
    const out: Record<string, string | number> = { ...defaults };
    for (const key of Object.keys(defaults)) {
      const v = search.get(key);
      if (v !== null) out[key] = v;
    }
    const page = Number(search.get('page') ?? '1');
    out.page = Number.isInteger(page) && page > 0 ? page : 1;
    return out as ListParams<F>;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);

  /** Changing any filter goes back to page 1 unless a page is given. */
  const update = useCallback(
    (patch: Partial<F> & { page?: number }) => {
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (k === 'page') continue;
            if (v === undefined || v === null || v === '' || v === defaults[k]) next.delete(k);
            else next.set(k, String(v));
          }
          const page = patch.page ?? 1;
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
