// Memories: hybrid search or a filtered list with cursor paging, bulk delete and JSONL export.
import { useMemo, useState } from "preact/hooks";
import { call, get, messageOf } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { FilterFormView } from "../components/filter-form.js";
import { MemoryTable } from "../components/memory-table.js";
import { Empty, ErrorBox, Show, useLoad } from "../components/status.js";
import { exportJsonl } from "../export.js";
import { formFromParams, paramsOfForm, wireFilters } from "../filters.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import type { WireMemory, WireScored } from "../types.js";

const PAGE = 25;

interface Result {
  rows: (WireMemory | WireScored)[];
  next: string | null;
  searched: boolean;
}

/** The Memories page; its filters live in the URL. */
export function MemoriesPage({ params }: { params: URLSearchParams }) {
  const { boundUser } = useSession();
  const key = params.toString();
  // One object per URL, not per render: the form keeps what is typed until the URL changes.
  const form = useMemo(() => formFromParams(params), [key]);
  const cursor = params.get("cursor") ?? undefined;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [state, reload] = useLoad(
    async (signal): Promise<Result> => {
      setSelected(new Set());
      const filters = wireFilters(form, boundUser);
      if (form.q.trim()) {
        const { data } = await call<{ results: WireScored[] }>("POST", "/memories/search", {
          body: { query: form.q.trim(), filters, limit: 50 },
          signal,
        });
        return { rows: data.results, next: null, searched: true };
      }
      const page = await get<{ memories: WireMemory[]; next_cursor: string | null }>(
        "/memories",
        { filters: JSON.stringify(filters), limit: PAGE, cursor },
        signal,
      );
      return { rows: page.memories, next: page.next_cursor, searched: false };
    },
    [key, boundUser],
  );

  const go = (extra: Record<string, string | undefined>): void =>
    navigate("memories", { ...paramsOfForm(form), ...extra });
  const trail = (params.get("trail") ?? "").split(" ").filter(Boolean);
  const bulkDelete = async (): Promise<void> => {
    const ids = [...selected];
    try {
      const { data } = await call<{ succeeded: number; failed: number }>("POST", "/memories/batch/delete", {
        body: { ids },
      });
      setNotice({
        text: `Deleted ${data.succeeded} memor${data.succeeded === 1 ? "y" : "ies"}${data.failed ? `; ${data.failed} failed` : ""}.`,
        error: data.failed > 0,
      });
      reload();
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
  };
  const doExport = async (): Promise<void> => {
    setNotice({ text: "Exporting…" });
    try {
      const n = await exportJsonl(wireFilters(form, boundUser));
      setNotice({ text: `Exported ${n} memories as JSONL.` });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
  };

  return (
    <>
      <h1>Memories</h1>
      <FilterFormView value={form} boundUser={boundUser} onApply={(f) => navigate("memories", paramsOfForm(f))} />
      <div class="toolbar" role="toolbar" aria-label="Actions on memories">
        <button type="button" class="danger" disabled={selected.size === 0} onClick={() => setConfirm(true)}>
          Delete selected ({selected.size})
        </button>
        <button type="button" class="ghost" onClick={doExport}>
          Export filter as JSONL
        </button>
        {notice ? (
          notice.error ? (
            <ErrorBox error={new Error(notice.text)} />
          ) : (
            <span role="status" class="notice">
              {notice.text}
            </span>
          )
        ) : null}
      </div>
      <Show state={state} retry={reload} label={form.q ? "Searching" : "Loading memories"}>
        {(r) => (
          <>
            {r.rows.length === 0 ? (
              <Empty>{r.searched ? "Nothing matches this search." : "No memories match these filters."}</Empty>
            ) : (
              <MemoryTable
                rows={r.rows}
                selected={selected}
                onToggle={(id, on) => {
                  const s = new Set(selected);
                  if (on) s.add(id);
                  else s.delete(id);
                  setSelected(s);
                }}
                onToggleAll={(on) => setSelected(on ? new Set(r.rows.map((m) => m.id)) : new Set())}
              />
            )}
            {!r.searched && (cursor || r.next) ? (
              <nav class="pager" aria-label="Pages">
                <button
                  type="button"
                  class="ghost"
                  disabled={!cursor}
                  onClick={() =>
                    go({
                      cursor: trail[trail.length - 1] === "-" ? undefined : trail[trail.length - 1],
                      trail: trail.slice(0, -1).join(" ") || undefined,
                    })
                  }
                >
                  ← Previous
                </button>
                <button
                  type="button"
                  class="ghost"
                  disabled={!r.next}
                  onClick={() => go({ cursor: r.next ?? undefined, trail: [...trail, cursor ?? "-"].join(" ") })}
                >
                  Next →
                </button>
              </nav>
            ) : null}
          </>
        )}
      </Show>
      {confirm ? (
        <ConfirmDialog
          title="Delete memories"
          message={`Delete ${selected.size} selected memor${selected.size === 1 ? "y" : "ies"}? Their history stays.`}
          action="Delete"
          onConfirm={() => void bulkDelete()}
          onClose={() => setConfirm(false)}
        />
      ) : null}
    </>
  );
}
