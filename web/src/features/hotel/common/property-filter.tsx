// The property filter of the hotel's lists: shown only when the hotel has
// more than one property (the user can see).
import { SelectFilter, type ListState } from '@/components/list-page';
import { usePropertyChoices } from './lookups';

export function PropertyFilter<F extends Record<string, string> & { property_id: string }>({
  list,
  w = 220,
  reset,
}: {
  list: ListState<F>;
  w?: number;
  reset?: Partial<F>;
}) {
  const properties = usePropertyChoices();
  if (properties.options.length <= 1) return null;
  return (
    <SelectFilter
      list={list}
      name={'property_id' as Extract<keyof F, string>}
      label="Property"
      placeholder="All properties"
      data={properties.options}
      w={w}
      reset={reset}
    />
  );
}
