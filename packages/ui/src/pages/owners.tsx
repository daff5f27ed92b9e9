// Users and agents: memory counts and last activity; delete everything of one, after typing its id.
import { useState } from "preact/hooks";
import { call, get, messageOf } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { Empty, Show, useLoad } from "../components/status.js";
import { when } from "../format.js";
import { href } from "../router.js";
import type { Insights, Owner } from "../types.js";

type Kind = "user_id" | "agent_id";

function OwnerTable({
  kind,
  rows,
  total,
  onDelete,
}: {
  kind: Kind;
  rows: Owner[];
  total: number;
  onDelete: (kind: Kind, id: string) => void;
}) {
  const noun = kind === "user_id" ? "user" : "agent";
  return (
    <section class="card wide" aria-labelledby={`${noun}s-h`}>
      <h2 id={`${noun}s-h`}>
        {noun === "user" ? "Users" : "Agents"}{" "}
        <span class="muted">
          ({total}
          {total > rows.length ? `, top ${rows.length} shown` : ""})
        </span>
      </h2>
      {rows.length === 0 ? (
        <Empty>No {noun}s yet.</Empty>
      ) : (
        <table class="owners">
          <caption class="sr-only">{noun}s with memory counts and last activity</caption>
          <thead>
            <tr>
              <th scope="col">{noun}</th>
              <th scope="col">Memories</th>
              <th scope="col">Last activity</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.id}>
                <td>
                  <a href={href("memories", { [kind]: o.id })}>{o.id}</a>
                </td>
                <td data-label="Memories">{o.memories.toLocaleString()}</td>
                <td data-label="Last activity">{when(o.last_activity)}</td>
                <td>
                  <button
                    type="button"
                    class="danger small"
                    disabled={o.memories === 0}
                    onClick={() => onDelete(kind, o.id)}
                    aria-label={`Delete all memories of ${noun} ${o.id}`}
                  >
                    Delete all…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The Users & agents page. */
export function OwnersPage() {
  const [state, reload] = useLoad(
    (signal) => get<Insights>("/insights", { days: 1, recent: 0, owners: 1000 }, signal),
    [],
  );
  const [pending, setPending] = useState<{ kind: Kind; id: string } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const deleteAll = async (kind: Kind, id: string): Promise<void> => {
    try {
      const { data } = await call<{ deleted: number }>("DELETE", "/memories", { query: { [kind]: id } });
      setNotice({ text: `Deleted ${data.deleted} memories of ${id}.` });
      reload();
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
  };
  return (
    <>
      <h1>Users &amp; agents</h1>
      {notice ? (
        <p role={notice.error ? "alert" : "status"} class={notice.error ? "error" : "notice"}>
          {notice.text}
        </p>
      ) : null}
      <Show state={state} retry={reload} label="Loading users and agents">
        {(i) => (
          <div class="grid">
            <OwnerTable
              kind="user_id"
              rows={i.users}
              total={i.users_total}
              onDelete={(kind, id) => setPending({ kind, id })}
            />
            <OwnerTable
              kind="agent_id"
              rows={i.agents}
              total={i.agents_total}
              onDelete={(kind, id) => setPending({ kind, id })}
            />
          </div>
        )}
      </Show>
      {pending ? (
        <ConfirmDialog
          title={`Delete all memories of ${pending.id}`}
          typed={pending.id}
          action="Delete all"
          message={`Every memory of ${pending.kind === "user_id" ? "user" : "agent"} ${pending.id} is deleted for real; history rows stay.`}
          onConfirm={() => void deleteAll(pending.kind, pending.id)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </>
  );
}
