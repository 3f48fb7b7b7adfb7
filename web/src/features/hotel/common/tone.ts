// Coloured text that keeps its contrast in both themes: the colour's dark
// shade on light surfaces, its light shade on dark ones.
export function toneColor(color: string): string {
  return `light-dark(var(--mantine-color-${color}-8), var(--mantine-color-${color}-3))`;
}
