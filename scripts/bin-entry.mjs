#!/usr/bin/env node
// dist/bin.js of every package that ships a bin (copied there by scripts/bundle-bin.mjs): runs the
// bundle in dist/chunks/ (CommonJS) and compiles it through V8's code cache, which Node 20 does not
// keep for ES modules (issue 14, docs/BENCHMARKS.md "Start-up"). A cold process then deserializes the
// functions an earlier run compiled instead of parsing and compiling ~1–2 MB of JavaScript again.
//
// The cache of a chunk is written when the process ends (and, for a server, a few seconds after it
// started), so it holds the functions the command actually ran; it is rewritten when a run loaded a
// chunk without a cache (another command) and compiled markedly more. A missing, truncated, corrupt (checksum) or rejected (other Node or V8
// flags) cache is ignored and replaced; the file name carries the Node version and the chunk's size
// and time, so a rebuilt bundle never reads a stale one. Written atomically (temp file + rename), so
// concurrent processes are safe. Beside the package (node_modules/.cache/cortex-mem/) when it is
// writable, else in $XDG_CACHE_HOME/cortex-mem/ (~/.cache); if neither can be written, nothing is.
//
// CORTEX_MEM_CODE_CACHE=off turns it off (any value but on, off or debug is an error); =debug reports each chunk's cache on stderr (never stdout:
// the MCP server's stdout is the protocol). CORTEX_MEM_CODE_CACHE_DIR chooses the folder. Node ≥ 22.1
// keeps its own compile cache (module.enableCompileCache), used instead. With source maps on
// (`node --enable-source-maps`) the chunks load through Node's own loader, which maps stack traces.
import {
  accessSync,
  constants,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import zlib from "node:zlib";

/** Header of a cache file: magic, CRC-32 of the V8 data, its length; then the data. */
const MAGIC = 0x38766d63; // "cmv8"
const HEADER = 12;

const main = fileURLToPath(new URL("chunks/main.js", import.meta.url));
const mode = (process.env.CORTEX_MEM_CODE_CACHE ?? "").toLowerCase();
const MODES = {
  "": "on",
  on: "on",
  1: "on",
  true: "on",
  yes: "on",
  off: "off",
  0: "off",
  false: "off",
  no: "off",
  debug: "debug",
};
if (!Object.hasOwn(MODES, mode)) {
  // A value not understood is not guessed at (a misspelt "off" would silently leave the cache on):
  // the same exit code as every configuration error of the bins.
  process.stderr.write(
    `error [CONFIG]: CORTEX_MEM_CODE_CACHE=${process.env.CORTEX_MEM_CODE_CACHE}: expected on, off or debug\n`,
  );
  process.exit(6);
}
const off = MODES[mode] === "off";

if (Module.enableCompileCache) {
  if (!off) Module.enableCompileCache();
} else if (!off && !process.sourceMapsEnabled && typeof zlib.crc32 === "function") {
  compileThroughCache(dirname(main), MODES[mode] === "debug");
}
createRequire(import.meta.url)(main);

/** Compiles the CommonJS files under `chunks` through V8's code cache (see the top of this file). */
function compileThroughCache(chunks, debug) {
  const report = debug ? (line) => process.stderr.write(`cortex-mem code cache: ${line}\n`) : () => {};
  const dir = cacheDir(join(chunks, "..", ".."));
  /** @type {{ script: vm.Script, file: string, name: string, accepted: number }[]} */
  const compiled = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(chunks + sep)) return compile.call(this, content, filename);
    const name = basename(filename);
    const file = join(dir, `${name}.${key(filename)}.v8`);
    const read = readCache(file);
    const cachedData = read === "corrupt" ? undefined : read;
    const script = new vm.Script(Module.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const accepted = cachedData && !script.cachedDataRejected ? cachedData.length : 0;
    report(`${name} ${cachedData ? (accepted ? "accepted" : "rejected") : (read ?? "none")}`);
    compiled.push({ script, file, name, accepted });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  let considered = 0; // chunks a save has already looked at
  const save = () => {
    // Serializing costs a few ms a chunk: skipped when every chunk came from the cache (the same
    // command again). A chunk without one means another command ran: the caches of all are rewritten.
    if (compiled.length === considered) return;
    considered = compiled.length;
    if (compiled.every((c) => c.accepted)) return;
    for (const entry of compiled) {
      try {
        const data = entry.script.createCachedData();
        // Rewritten when this run compiled markedly more than the cache held (another command).
        if (data.length <= entry.accepted + (entry.accepted >> 4)) continue;
        writeCache(entry.file, data);
        entry.accepted = data.length;
        report(`${entry.name} wrote ${data.length} bytes`);
      } catch (error) {
        report(`${entry.name} not written (${error.code ?? error.message})`);
      }
    }
  };
  process.on("exit", save);
  setTimeout(save, 3000).unref(); // a server may never exit cleanly: its start-up is compiled by then
}

/** Beside the package when writable, else the user's cache folder. */
function cacheDir(pkg) {
  if (process.env.CORTEX_MEM_CODE_CACHE_DIR) return process.env.CORTEX_MEM_CODE_CACHE_DIR;
  try {
    accessSync(pkg, constants.W_OK);
    return join(pkg, "node_modules", ".cache", "cortex-mem");
  } catch {
    return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "cortex-mem", "v8");
  }
}

/** What a cache depends on besides V8's own checks: this Node, this build of the chunk. */
function key(filename) {
  const { size, mtimeMs } = statSync(filename);
  let hash = 0x811c9dc5; // FNV-1a
  for (const c of `${process.version}|${process.arch}|${size}|${mtimeMs}`)
    hash = Math.imul(hash ^ c.charCodeAt(0), 0x1000193);
  return (hash >>> 0).toString(16).padStart(8, "0");
}

/** The V8 data of a cache file; undefined when missing, "corrupt" when truncated or damaged. */
function readCache(file) {
  let buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return undefined;
  }
  if (buffer.length < HEADER || buffer.readUInt32LE(0) !== MAGIC || buffer.readUInt32LE(8) !== buffer.length - HEADER)
    return "corrupt";
  const data = buffer.subarray(HEADER);
  return zlib.crc32(data) === buffer.readUInt32LE(4) ? data : "corrupt";
}

/** Writes a cache file atomically: a reader sees the old file or the new one, never a part. */
function writeCache(file, data) {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(zlib.crc32(data), 4);
  header.writeUInt32LE(data.length, 8);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([header, data]));
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
    throw error;
  }
}
