/** MCP list requests (`tools/list`, `resources/list`, `prompts/list`) are paginated by an opaque cursor. */

export interface Page {
  nextCursor?: string | undefined;
}

/** Requests page after page until the server gives no `nextCursor`, and joins the items. */
export async function collectPages<P extends Page, Item>(
  requestPage: (params: { cursor?: string }) => Promise<P>,
  itemsOf: (page: P) => Item[],
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await requestPage(cursor === undefined ? {} : { cursor });
    items.push(...itemsOf(page));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}
