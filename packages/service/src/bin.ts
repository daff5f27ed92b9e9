#!/usr/bin/env node
import { parseArgs } from "node:util";
import type { ServiceFlags } from "./serve-flags.js";
import { SERVICE_VERSION } from "./version.js";

const USAGE = `Usage: cortex-mem-service [--host <host>] [--port <port>] [--workers <n>] [-c|--config <file>]
                          [--allow-unauthenticated-remote]

Serves the Cortex Memory REST API (default http://127.0.0.1:3000).
Without API keys only loopback is served (a non-loopback --host is refused unless
--allow-unauthenticated-remote, and Host names must be loopback or in server.allowed_hosts).
--workers n serves the port from n processes (default 1, or server.workers / CORTEX_MEM_WORKERS).
Configuration: defaults < config file < CORTEX_MEM_* environment < these flags.
Logs are JSON lines on stderr; SIGTERM / SIGINT finish in-flight requests, then exit 0.`;

/** Parses argv; exits 2 on bad usage. */
function parseFlags(argv: string[]): ServiceFlags {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        workers: { type: "string" },
        "allow-unauthenticated-remote": { type: "boolean" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
      strict: true,
    });
    if (values.help || values.version) {
      process.stdout.write(`${values.help ? USAGE : SERVICE_VERSION}\n`);
      process.exit(0);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
      throw new Error(`--port must be an integer from 0 to 65535, not "${values.port}"`);
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64))
      throw new Error(`--workers must be an integer from 1 to 64, not "${values.workers}"`);
    return {
      ...(values.host ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(values.config ? { config: values.config } : {}),
      ...(values["allow-unauthenticated-remote"] ? { allowRemote: true } : {}),
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

// Flags, --help and --version first: the engine, express and the routes load only to serve.
// No top-level await: the bundle runs as CommonJS, under dist/bin.js's code cache (scripts/bin-entry.mjs).
const flags = parseFlags(process.argv.slice(2));
void import("./serve-flags.js").then(({ serveFromFlags }) => serveFromFlags(flags));
