// The latest history rows of the scope, newest first, each linking to its memory.
import { clip, when } from "../format.js";
import { href } from "../router.js";
import type { WireHistory } from "../types.js";
import { Empty } from "./status.js";

/** The "recent changes" card. */
export function RecentChanges({ rows }: { rows: WireHistory[] }) {
  return (
    <section class="card wide" aria-labelledby="recent-h">
      <h2 id="recent-h">Recent changes</h2>
      {rows.length === 0 ? (
        <Empty>No changes recorded yet.</Empty>
      ) : (
        <ol class="timeline">
          {rows.map((h) => (
            <li key={h.id}>
              <span class={`event ev-${h.event.toLowerCase()}`}>{h.event}</span>
              <a href={href(`memories/${h.memory_id}`)}>{clip(h.new_content ?? h.old_content, 100) || h.memory_id}</a>
              <span class="muted small">
                {[h.user_id, h.agent_id].filter(Boolean).join(" · ")} · {when(h.created_at)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
