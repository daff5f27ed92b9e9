// The analysis of a dry run: counts, the issues found and the actions a run would apply.
import { clip } from "../format.js";
import type { Analysis, PlanAction } from "../optimizer-api.js";
import { href } from "../router.js";
import { Empty } from "./status.js";

const SHOWN = 50;

function MemoryLink({ id }: { id: string }) {
  return (
    <a href={href(`memories/${id}`)} title={id}>
      <code>{id.slice(0, 8)}</code>
    </a>
  );
}

function ActionRow({ action }: { action: PlanAction }) {
  const ids = action.memories ?? (action.memory_id ? [action.memory_id] : []);
  return (
    <li>
      <span
        class={`event ev-${action.type === "Delete" ? "delete" : action.type === "Merge" ? "supersede" : "update"}`}
      >
        {action.type}
      </span>
      <span>
        {ids.map((id) => (
          <MemoryLink key={id} id={id} />
        ))}
        {action.survivor ? <span class="muted small"> keeps {action.survivor.slice(0, 8)}</span> : null}
        {action.memory_type ? <span class="muted small"> → {action.memory_type}</span> : null}
      </span>
      <span class="muted small">{clip(action.reason, 140)}</span>
      {action.content ? <ins>{clip(action.content, 200)}</ins> : null}
    </li>
  );
}

/** The plan card; `onRun` applies it (same request), hidden while a run is going. */
export function PlanPreview({ plan, busy, onRun }: { plan: Analysis; busy: boolean; onRun: () => void }) {
  const n = plan.actions.length;
  return (
    <section class="card wide" aria-labelledby="plan-h" data-testid="plan">
      <h2 id="plan-h">Plan ({plan.strategy})</h2>
      <p>
        Scanned {plan.scanned.toLocaleString()} memories: <strong>{plan.summary.total_issues}</strong> issues,{" "}
        <strong>{plan.summary.total_affected_memories}</strong> memories affected, <strong>{n}</strong> actions planned
        {plan.llm_calls ? `, ${plan.llm_calls} LLM calls` : ""}.
      </p>
      {plan.issues.length === 0 ? (
        <Empty>Nothing to optimize in this scope.</Empty>
      ) : (
        <table class="owners">
          <caption class="sr-only">Issues found</caption>
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Severity</th>
              <th scope="col">Memories</th>
              <th scope="col">Recommendation</th>
            </tr>
          </thead>
          <tbody>
            {plan.issues.slice(0, SHOWN).map((i) => (
              <tr key={i.id}>
                <td>
                  <strong>{i.kind}</strong> <span class="muted small">{clip(i.description, 120)}</span>
                </td>
                <td data-label="Severity">{i.severity}</td>
                <td data-label="Memories">{i.affected_memories.length}</td>
                <td data-label="Recommendation">{clip(i.recommendation, 120)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.issues.length > SHOWN ? <p class="muted small">and {plan.issues.length - SHOWN} more issues</p> : null}
      {n > 0 ? (
        <>
          <h3>Planned actions</h3>
          <ol class="timeline" aria-label="Planned actions">
            {plan.actions.slice(0, SHOWN).map((a, i) => (
              <ActionRow key={i} action={a} />
            ))}
          </ol>
          {n > SHOWN ? <p class="muted small">and {n - SHOWN} more actions</p> : null}
          <div class="toolbar">
            <button type="button" disabled={busy} onClick={onRun}>
              Run this plan
            </button>
            <span class="muted small">Each change is recorded in history; undo restores every memory it changed.</span>
          </div>
        </>
      ) : null}
    </section>
  );
}
