// Overview: counts, growth, importance, owners, provider status and the latest changes.
import { get, prefetch } from "../api.js";
import { Bars, Columns } from "../components/charts.js";
import { Empty, ErrorBox, Spinner, useLoad } from "../components/status.js";
import { StatusPanel } from "../components/status-panel.js";
import { RecentChanges } from "../components/recent-changes.js";
import { UsagePanel, usageQuery } from "../components/usage-panel.js";
import { navigate } from "../router.js";
import type { Insights } from "../types.js";
import { bytes } from "../format.js";
import { OVERVIEW_QUERY, takeProbed } from "../session.js";

const top = (rows: { id: string; memories: number }[]): [string, number][] =>
  rows.slice(0, 8).map((r) => [r.id, r.memories]);

/** Starts the overview's model probe and usage calls while the sign-in check (its /insights) runs. */
export function prefetchOverview(): void {
  prefetch("/llm/status");
  prefetch("/usage", usageQuery());
}

/** The overview page; the status and usage cards load beside the insights, not after them. */
export function OverviewPage() {
  const [state, retry] = useLoad(
    async (signal) => takeProbed() ?? get<Insights>("/insights", OVERVIEW_QUERY, signal),
    [],
  );
  return (
    <>
      <h1>Overview</h1>
      <div class="grid">
        {state.status === "ok" ? (
          <Totals i={state.data} />
        ) : state.status === "error" ? (
          <div class="wide">
            <ErrorBox error={state.error} onRetry={retry} />
          </div>
        ) : (
          <div class="card">
            <Spinner label="Loading the overview" />
          </div>
        )}
        <StatusPanel />
        {state.status === "ok" ? <Insight i={state.data} /> : null}
        <UsagePanel />
        {state.status === "ok" ? <RecentChanges rows={state.data.recent} /> : null}
      </div>
    </>
  );
}

/** Counts and store size. */
function Totals({ i }: { i: Insights }) {
  return (
    <section class="card stats" aria-label="Totals">
      <div>
        <span class="big" data-testid="total">
          {i.total.toLocaleString()}
        </span>{" "}
        memories
      </div>
      <div>
        <span class="big">{i.superseded.toLocaleString()}</span> superseded
      </div>
      <div>
        <span class="big">{i.history_entries.toLocaleString()}</span> history rows
      </div>
      <div>
        <span class="big">{i.store_size_bytes === null ? "—" : bytes(i.store_size_bytes)}</span> store size
      </div>
    </section>
  );
}

/** The cards drawn from `/insights`. */
function Insight({ i }: { i: Insights }) {
  return (
    <>
      <section class="card" aria-labelledby="growth-h">
        <h2 id="growth-h">Growth per day</h2>
        <p class="muted">
          {i.growth.reduce((s, d) => s + d.created, 0).toLocaleString()} created in the last {i.growth.length} days;{" "}
          {i.created_before.toLocaleString()} before.
        </p>
        <Columns
          data={i.growth.map((d) => ({ key: d.day, n: d.created }))}
          label="Memories created per day"
          first={i.growth[0]?.day ?? ""}
          last={i.growth[i.growth.length - 1]?.day ?? ""}
        />
      </section>
      <section class="card" aria-labelledby="imp-h">
        <h2 id="imp-h">Importance</h2>
        <Columns
          data={i.importance.map((b) => ({ key: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`, n: b.count }))}
          label="Memories by importance"
          first="0"
          last="1"
        />
      </section>
      <section class="card" aria-labelledby="type-h">
        <h2 id="type-h">By type</h2>
        {i.total === 0 ? (
          <Empty>No memories yet.</Empty>
        ) : (
          <Bars
            label="Memories by type"
            data={Object.entries(i.by_type).sort((a, b) => b[1] - a[1])}
            onPick={(t) => navigate("memories", { memory_type: t })}
          />
        )}
      </section>
      <section class="card" aria-labelledby="users-h">
        <h2 id="users-h">
          By user <span class="muted">({i.users_total})</span>
        </h2>
        {i.users.length === 0 ? (
          <Empty>No users.</Empty>
        ) : (
          <Bars label="Memories by user" data={top(i.users)} onPick={(u) => navigate("memories", { user_id: u })} />
        )}
      </section>
      <section class="card" aria-labelledby="agents-h">
        <h2 id="agents-h">
          By agent <span class="muted">({i.agents_total})</span>
        </h2>
        {i.agents.length === 0 ? (
          <Empty>No agents.</Empty>
        ) : (
          <Bars label="Memories by agent" data={top(i.agents)} onPick={(a) => navigate("memories", { agent_id: a })} />
        )}
      </section>
    </>
  );
}
