import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { captured } from "./stats.js";
import { addThroughput } from "./suites/add-throughput.js";
import { locomoEval } from "./suites/locomo.js";
import { restThroughput, serviceRss } from "./suites/rest.js";
import { searchLatency } from "./suites/search-latency.js";
import { startup } from "./suites/startup.js";
import { versusMem0 } from "./suites/versus-mem0.js";

const mode = process.argv[2] === "full" ? "full" : "quick";
const only = process.argv.slice(3);
const results = fileURLToPath(new URL("../results/", import.meta.url));
const docs = fileURLToPath(new URL("../../docs/BENCHMARKS.md", import.meta.url));
const machine = { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
const quick = mode === "quick";

const suites: [string, () => Promise<unknown>][] = [
  ["search-latency", () => searchLatency(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], quick ? 200 : 500)],
  ["add-throughput", () => addThroughput(10_000, quick ? 500 : 2_000, 3)],
  ["rest", () => restThroughput(10_000, quick ? 5 : 10, quick ? 2 : 3)],
  ["startup", () => startup(quick ? 5 : 10)],
  ["versus-mem0", () => versusMem0(quick ? [1_000] : [1_000, 4_000], quick ? 30 : 100, 200)],
  ["locomo", () => locomoEval()],
  ...(quick ? [] : [["service-rss-100k", () => serviceRss(100_000)] as [string, () => Promise<unknown>]]),
];

mkdirSync(results, { recursive: true });
const started = Date.now();
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  const t0 = Date.now();
  const figures = await run();
  writeFileSync(`${results}${name}.json`, `${JSON.stringify({ suite: name, mode, date: new Date().toISOString(), machine, seconds: (Date.now() - t0) / 1000, figures }, null, 2)}\n`);
}
const command = `pnpm bench${mode === "full" ? ":full" : ""}${only.length ? ` -- ${only.join(" ")}` : ""}`;
if (!only.length) {
  mkdirSync(fileURLToPath(new URL("../../docs/", import.meta.url)), { recursive: true });
  writeFileSync(docs, [
    "# Benchmarks",
    "",
    `Produced by \`${command}\` on ${new Date().toISOString().slice(0, 10)} in ${Math.round((Date.now() - started) / 1000)} s.`,
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform}); shared and noisy, so`,
    "comparisons run both sides in the same run and report the ratio. Raw figures: `bench/results/*.json`.",
    "",
    "```",
    ...captured(),
    "```",
    "",
  ].join("\n"));
}
console.log(`\nresults in ${results}${only.length ? "" : `; ${docs} written`}`);
