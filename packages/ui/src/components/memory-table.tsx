// A list of memories with selection checkboxes; search hits also show their score parts.
import { clip, when } from "../format.js";
import { href } from "../router.js";
import type { WireMemory, WireScored } from "../types.js";
import { ScoreParts } from "./charts.js";

/** Props of {@link MemoryTable}. */
export interface MemoryTableProps {
  rows: (WireMemory | WireScored)[];
  selected: Set<string>;
  onToggle: (id: string, on: boolean) => void;
  onToggleAll: (on: boolean) => void;
}

const isScored = (m: WireMemory | WireScored): m is WireScored => "score" in m;

/** The table (cards on narrow screens). */
export function MemoryTable({ rows, selected, onToggle, onToggleAll }: MemoryTableProps) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <table class="memories">
      <caption class="sr-only">Memories</caption>
      <thead>
        <tr>
          <th scope="col">
            <input
              type="checkbox"
              aria-label="Select all on this page"
              checked={all}
              onChange={(e) => onToggleAll((e.currentTarget as HTMLInputElement).checked)}
            />
          </th>
          <th scope="col">Memory</th>
          <th scope="col">Type</th>
          <th scope="col">Owner</th>
          <th scope="col">Importance</th>
          <th scope="col">Created</th>
          {rows.some(isScored) ? <th scope="col">Score</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id} class={m.superseded_by ? "superseded" : undefined}>
            <td>
              <input
                type="checkbox"
                aria-label={`Select: ${clip(m.content, 60)}`}
                checked={selected.has(m.id)}
                onChange={(e) => onToggle(m.id, (e.currentTarget as HTMLInputElement).checked)}
              />
            </td>
            <td class="content">
              <a href={href(`memories/${m.id}`)}>{clip(m.content, 160)}</a>
              {m.superseded_by ? <span class="badge">superseded</span> : null}
            </td>
            <td data-label="Type">
              <span class={`type t-${m.memory_type}`}>{m.memory_type}</span>
            </td>
            <td data-label="Owner">{[m.user_id, m.agent_id, m.run_id].filter(Boolean).join(" · ")}</td>
            <td data-label="Importance">{m.importance_score.toFixed(2)}</td>
            <td data-label="Created">{when(m.created_at)}</td>
            {isScored(m) ? (
              <td data-label="Score">
                <strong>{m.score.toFixed(3)}</strong>
                <ScoreParts parts={m.score_parts} />
              </td>
            ) : rows.some(isScored) ? (
              <td />
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
