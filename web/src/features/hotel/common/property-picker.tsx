// One property at a time (the front desk, the room rack): the choice is kept
// in the URL (`property_id`), defaulting to the first property the user can
// see; the picker is shown only when there is more than one.
import { Select } from '@mantine/core';
import { usePropertyChoices, type Choice } from './lookups';

/** The chosen property: the URL's when it is one of the choices, else the first. */
export function chosenProperty(options: readonly Choice[], fromUrl: string): string {
  if (fromUrl && options.some((o) => o.value === fromUrl)) return fromUrl;
  return options[0]?.value ?? '';
}

export function PropertyPicker({ value, onChange, w = 240 }: { value: string; onChange: (id: string) => void; w?: number }) {
  const properties = usePropertyChoices();
  if (properties.options.length <= 1) return null;
  return (
    <Select
      label="Property"
      data={properties.options}
      value={value || null}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      w={w}
    />
  );
}
