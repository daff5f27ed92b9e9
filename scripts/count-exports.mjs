// Counts the names each entry point of @cortex-mem/core exports and which of them the other
// workspace packages import (`node scripts/count-exports.mjs`): the figures of docs/ARCHITECTURE.md.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const root = new URL("..", import.meta.url).pathname;
const core = join(root, "packages/core");
const pkg = JSON.parse(readFileSync(join(core, "package.json"), "utf8"));
const program = ts.createProgram([join(core, "src/index.ts")], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  allowJs: false,
});
const entries = Object.entries(pkg.exports)
  .filter(([k]) => !k.endsWith(".json"))
  .map(([k, v]) => [k, join(core, "src", relative("dist", v.import).replace(/\.js$/, ".ts"))]);
const prog = ts.createProgram(
  entries.map(([, f]) => f),
  { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
);
const checker = prog.getTypeChecker();
const names = new Map();
for (const [entry, file] of entries) {
  const sf = prog.getSourceFile(file);
  const sym = checker.getSymbolAtLocation(sf);
  names.set(entry, sym ? checker.getExportsOfModule(sym).map((s) => s.name) : []);
}
void program;

const walk = (dir) =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (["node_modules", "dist", ".stryker-tmp", "reports", ".turbo"].includes(n)) return [];
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts|mjs|js|tsx)$/.test(n) ? [p] : [];
  });
const others = [
  "packages/cli",
  "packages/service",
  "packages/mcp",
  "packages/reliability",
  "packages/testkit",
  "bench",
];
const used = new Map();
const importRe = /import\s+(type\s+)?\{([^}]*)\}\s+from\s+"@cortex-mem\/core(\/[a-z-]+)?"/g;
for (const dir of others) {
  for (const f of walk(join(root, dir))) {
    for (const m of readFileSync(f, "utf8").matchAll(importRe)) {
      const entry = "." + (m[3] ?? "");
      for (const raw of m[2].split(",")) {
        const name = raw
          .replace(/^\s*type\s+/, "")
          .split(/\s+as\s+/)[0]
          .trim();
        if (!name) continue;
        const key = `${entry} ${name}`;
        if (!used.has(key)) used.set(key, new Set());
        used.get(key).add(dir);
      }
    }
  }
}
let total = 0;
for (const [entry, list] of names) {
  const usedHere = list.filter((n) => used.has(`${entry} ${n}`));
  total += list.length;
  console.log(
    `${entry.padEnd(12)} ${String(list.length).padStart(4)} names, ${String(usedHere.length).padStart(4)} used by other packages`,
  );
  if (process.argv.includes("--unused"))
    console.log("   unused:", list.filter((n) => !used.has(`${entry} ${n}`)).join(", "));
}
console.log(`total        ${total}`);
