import { spawn } from "node:child_process";
import { existsSync, readdirSync, truncateSync } from "node:fs";
import { join } from "node:path";
import { binPaths } from "./bins.js";
import { foldAcks } from "./crash-protocol.js";
import type { Expected } from "./crash-protocol.js";
import { verifyHome } from "./crash-verify.js";
import { makeHome } from "./home.js";
import { seededRandom, spread } from "./random.js";

/** How a crash campaign runs. */
export interface CrashOptions {
  rounds: number;
  seed: number;
  /**
   * `memory.ann_threshold` of the home: small, so the HNSW index (saved in `<db>-ann/`) is in play
   * (with `ann_sparse_density = 0`: the local vectors would otherwise get unsaved inverted lists).
   */
  annThreshold: number;
  /** Share of rounds killed at a random moment after spawn, possibly while the store is still opening. */
  earlyKillShare?: number;
  /** Every this many rounds, truncate the saved HNSW index files before the writer starts (0: never). */
  damageIndexEvery?: number;
}

/** What a campaign did and found. */
export interface CrashReport {
  rounds: number;
  seed: number;
  killedBeforeReady: number;
  acknowledged: number;
  memories: number;
  maxAcksInOneRound: number;
  searchesChecked: number;
  annFiles: number;
  damagedIndexFiles: number;
  problems: string[];
  durationMs: number;
}

const USER = "crash-user";

/** Truncates every saved HNSW index of a home, as a torn disk write would; returns how many. */
function damageIndexes(dbPath: string): number {
  const dir = `${dbPath}-ann`;
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".usearch")) : [];
  for (const f of files) truncateSync(join(dir, f), 64);
  return files.length;
}

/** Runs the writer until the chosen moment, SIGKILLs it, and returns everything it printed. */
function killedRun(
  env: Record<string, string>,
  cwd: string,
  early: boolean,
  delayMs: number,
): Promise<{ out: string; err: string; selfExit: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPaths().crashWriter], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let armed = false;
    let killed = false;
    const arm = (): void => {
      if (armed) return;
      armed = true;
      setTimeout(() => ((killed = true), child.kill("SIGKILL")), delayMs);
    };
    if (early) arm();
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes('"op":"add"')) arm();
    });
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ out, err, selfExit: killed ? null : String(code ?? signal) }));
  });
}

/**
 * The crash campaign: one home; each round starts the writer, SIGKILLs it at a random moment,
 * then checks the file, every memory acknowledged this round, a sample of older ones, and search.
 * A final pass checks every memory acknowledged in all rounds.
 */
export async function runCrashRounds(
  options: CrashOptions,
  onRound?: (round: number, acks: number) => void,
): Promise<CrashReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  // Vectors weighted in search (the offline default is BM25 alone), so the HNSW index files are in play.
  const home = makeHome(
    "crash",
    `[memory]\nann_threshold = ${options.annThreshold}\nann_sparse_density = 0\n` +
      "vector_weight = 0.3\nkeyword_weight = 0.7\n",
  );
  const model = new Map<string, Expected>();
  const report: CrashReport = {
    rounds: 0,
    seed: options.seed,
    killedBeforeReady: 0,
    acknowledged: 0,
    memories: 0,
    maxAcksInOneRound: 0,
    searchesChecked: 0,
    annFiles: 0,
    damagedIndexFiles: 0,
    problems: [],
    durationMs: 0,
  };
  try {
    for (let round = 0; round < options.rounds; round++) {
      const early = random() < (options.earlyKillShare ?? 0.15);
      const delay = early ? Math.floor(random() * 600) : 20 + Math.floor(random() * 700);
      const env = { ...home.env, CRASH_USER: USER, CRASH_TAG: `r${round}` };
      const before = new Set(model.keys());
      if (options.damageIndexEvery && round % options.damageIndexEvery === options.damageIndexEvery - 1)
        report.damagedIndexFiles += damageIndexes(home.dbPath);
      const run = await killedRun(env, home.dir, early, delay);
      if (run.selfExit !== null)
        throw new Error(`round ${round}: the writer exited by itself (${run.selfExit}):\n${run.err}`);
      const { acks, ready } = foldAcks(run.out, model);
      if (!ready) report.killedBeforeReady += 1;
      report.acknowledged += acks;
      report.maxAcksInOneRound = Math.max(report.maxAcksInOneRound, acks);
      onRound?.(round, acks);
      report.rounds = round + 1;
      if (!existsSync(home.dbPath)) continue;
      const fresh = [...model.values()].filter((m) => !before.has(m.id) || m.inFlight);
      const older = spread(
        [...model.values()].filter((m) => before.has(m.id)),
        40,
        random,
      );
      const verdict = await verifyHome(home.dir, home.dbPath, [...fresh, ...older], spread(fresh, 8, random), USER);
      report.searchesChecked += verdict.searched;
      report.problems.push(...verdict.problems.map((p) => `round ${round} (seed ${options.seed}): ${p}`));
    }
    const all = [...model.values()];
    const final = await verifyHome(home.dir, home.dbPath, all, spread(all, 50, random), USER);
    report.problems.push(...final.problems.map((p) => `final: ${p}`));
    report.searchesChecked += final.searched;
    report.memories = final.file.memories;
    report.annFiles = existsSync(`${home.dbPath}-ann`)
      ? readdirSync(`${home.dbPath}-ann`).filter((f) => f.endsWith(".usearch")).length
      : 0;
    report.durationMs = Date.now() - started;
    return report;
  } finally {
    home.remove();
  }
}
