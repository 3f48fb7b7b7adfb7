// Lists read whole for choices and labels (the API answers at most 100 items a page).

interface Page<T> {
  items: T[];
  total: number;
}

/** Every item of a list, page by page. */
export async function fetchAll<T>(fetchPage: (page: number) => Promise<Page<T>>, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const answer = await fetchPage(page);
    items.push(...answer.items);
    if (answer.items.length === 0 || items.length >= answer.total) break;
  }
  return items;
}
