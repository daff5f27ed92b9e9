// The app shell: sign-in gate, navigation, theme switch, and the page of the current route.
import { useEffect, useState } from "preact/hooks";
import { hasApiKey, setApiKey, whenUnauthorized } from "./api.js";
import { Login } from "./pages/login.js";
import { MemoriesPage } from "./pages/memories.js";
import { MemoryDetail } from "./pages/memory-detail.js";
import { OverviewPage, prefetchOverview } from "./pages/overview.js";
import { OptimizerPage } from "./pages/optimizer.js";
import { OwnersPage } from "./pages/owners.js";
import { SettingsPage } from "./pages/settings.js";
import { href, useRoute } from "./router.js";
import { SessionContext, isAuthError, probe } from "./session.js";
import type { Session } from "./session.js";
import { ThemeSwitch } from "./components/theme-switch.js";
import { Spinner } from "./components/status.js";

const PAGES = [
  { path: "overview", label: "Overview" },
  { path: "memories", label: "Memories" },
  { path: "owners", label: "Users & agents" },
  { path: "optimizer", label: "Optimizer" },
  { path: "settings", label: "Settings" },
] as const;

type State =
  { kind: "checking" } | { kind: "login"; error?: string } | { kind: "in"; session: Omit<Session, "signOut"> };

/** The whole dashboard. */
export function App() {
  const route = useRoute();
  const [state, setState] = useState<State>({ kind: "checking" });
  const signOut = (): void => {
    setApiKey(null);
    setState({ kind: "login" });
  };
  useEffect(() => {
    whenUnauthorized(() => setState({ kind: "login", error: "Your API key was not accepted; sign in again." }));
    const stored = hasApiKey() ? sessionStorage.getItem("cortex-mem.key") : null;
    if ((route.path[0] ?? "overview") === "overview") prefetchOverview();
    probe(stored).then(
      ({ boundUser }) => setState({ kind: "in", session: { boundUser, open: stored === null } }),
      (error: unknown) =>
        setState(
          isAuthError(error) || stored ? { kind: "login" } : { kind: "login", error: String((error as Error).message) },
        ),
    );
  }, []);

  if (state.kind === "checking")
    return (
      <main class="center">
        <Spinner label="Connecting to the service" />
      </main>
    );
  if (state.kind === "login") {
    return (
      <Login
        error={state.error}
        onSignedIn={(boundUser) => setState({ kind: "in", session: { boundUser, open: false } })}
      />
    );
  }
  const page = route.path[0] ?? "overview";
  const session: Session = { ...state.session, signOut };
  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href("overview")}>
          Cortex Memory <span>Insights</span>
        </a>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a key={p.path} href={href(p.path)} aria-current={page === p.path ? "page" : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div class="who">
          {session.boundUser ? (
            <span class="badge" title="This API key is bound to one user">
              user {session.boundUser}
            </span>
          ) : null}
          <ThemeSwitch />
          {session.open ? null : (
            <button type="button" class="ghost" onClick={signOut}>
              Sign out
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page === "overview" && <OverviewPage />}
        {page === "memories" &&
          (route.path[1] ? <MemoryDetail id={route.path[1]} /> : <MemoriesPage params={route.params} />)}
        {page === "owners" && <OwnersPage />}
        {page === "optimizer" && <OptimizerPage />}
        {page === "settings" && <SettingsPage />}
        {!PAGES.some((p) => p.path === page) && (
          <p role="alert">
            No page “{page}”. <a href={href("overview")}>Go to the overview</a>.
          </p>
        )}
      </main>
    </SessionContext.Provider>
  );
}
