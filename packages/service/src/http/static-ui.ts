import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";
import type { RequestHandler } from "express";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";

interface Asset {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/** The dashboard talks only to this origin; nothing is fetched from anywhere else. */
export const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Where `@cortex-mem/ui` keeps its built files, or null when the package is missing. */
export function defaultUiDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@cortex-mem/ui/package.json")), "dist");
  } catch {
    return null;
  }
}

function load(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const body = readFileSync(path);
        const type = TYPES[extname(name)] ?? "application/octet-stream";
        const compressible = /text|svg|json/.test(type) && body.length > 512;
        const rel = relative(dir, path).split(sep).join("/");
        assets.set(rel, {
          body,
          gzip: compressible ? gzipSync(body, { level: 9 }) : null,
          type,
          immutable: rel.startsWith("assets/"),
        });
      }
    }
  };
  walk(dir);
  return assets;
}

/**
 * Serves the built dashboard under `/ui/` (GET and HEAD, no key needed: the files hold no data,
 * every API call they make carries the user's key). Files are read once, gzipped in memory, and
 * sent with a strict Content-Security-Policy; hashed assets are cached for a year.
 */
export function staticUi(dir: string | null): RequestHandler {
  let assets: Map<string, Asset> | undefined;
  return (req, res, next) => {
    if (req.path !== "/ui" && !req.path.startsWith("/ui/")) return next();
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/ui") return res.redirect(308, "/ui/");
    if (!dir || !existsSync(join(dir, "index.html"))) {
      return next(
        new CortexMemError(
          ErrorCode.NOT_FOUND,
          "The dashboard is not built: run `pnpm build` (package @cortex-mem/ui)",
        ),
      );
    }
    assets ??= load(dir);
    const name = req.path.slice("/ui/".length) || "index.html";
    const asset = assets.get(name);
    if (!asset) return next(new CortexMemError(ErrorCode.NOT_FOUND, `No dashboard file ${name}`));
    const gzip = asset.gzip !== null && /\bgzip\b/.test(req.get("Accept-Encoding") ?? "");
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Cache-Control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.setHeader("Content-Security-Policy", UI_CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    if (asset.gzip !== null) res.setHeader("Vary", "Accept-Encoding");
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    const body = gzip ? (asset.gzip as Buffer) : asset.body;
    res.setHeader("Content-Length", String(body.length));
    res.status(200).end(req.method === "HEAD" ? undefined : body);
  };
}
