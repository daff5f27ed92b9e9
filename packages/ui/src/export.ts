// Export of the memories a filter selects as JSON lines (one memory per line, as the API returns
// it), paging through GET /memories; the file is built in the browser and downloaded.
import { get } from "./api.js";
import type { WireMemory } from "./types.js";

/** Downloads every memory matching `filters` as `memories.jsonl`; resolves with how many. */
export async function exportJsonl(filters: Record<string, unknown>): Promise<number> {
  const lines: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ memories: WireMemory[]; next_cursor: string | null }>("/memories", {
      filters: JSON.stringify(filters),
      limit: 1000,
      cursor,
    });
    for (const m of page.memories) lines.push(JSON.stringify(m));
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  const blob = new Blob(lines.length ? [`${lines.join("\n")}\n`] : [""], { type: "application/x-ndjson" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "memories.jsonl";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return lines.length;
}
