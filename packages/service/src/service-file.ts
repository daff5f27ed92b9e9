import { readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

/** What `<home>/service.json` holds while a service runs on that home. */
export interface ServiceFile {
  url: string;
  pid: number;
  started_at: string;
}

/** The path of the file that announces a running service on `home`. */
export const serviceFilePath = (home: string): string => join(home, "service.json");

/** Announces a listening service (so `cortex-mem ui` finds it instead of starting another). */
export function writeServiceFile(home: string, url: string): void {
  try {
    mkdirSync(home, { recursive: true });
    const body: ServiceFile = { url, pid: process.pid, started_at: new Date().toISOString() };
    writeFileSync(serviceFilePath(home), `${JSON.stringify(body)}\n`);
  } catch {
    // A read-only home only loses the announcement; the service itself runs.
  }
}

/** Removes the announcement if it is still this process's (another service may have replaced it). */
export function removeServiceFile(home: string, url: string): void {
  const current = readServiceFile(home);
  if (current && current.pid === process.pid && current.url === url) rmSync(serviceFilePath(home), { force: true });
}

/** The announcement of `home`, or null when there is none (or it is unreadable). */
export function readServiceFile(home: string): ServiceFile | null {
  try {
    const parsed = JSON.parse(readFileSync(serviceFilePath(home), "utf8")) as Partial<ServiceFile>;
    return typeof parsed.url === "string" && typeof parsed.pid === "number" ? (parsed as ServiceFile) : null;
  } catch {
    return null;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * The URL of a service running on `home`: announced in `<home>/service.json`, its process alive,
 * and its `/health` answering within 2 s. Null otherwise (a stale file is ignored).
 */
export async function findRunningService(home: string): Promise<string | null> {
  const file = readServiceFile(home);
  if (!file || !alive(file.pid)) return null;
  try {
    const res = await fetch(`${file.url}/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200 || res.status === 503 ? file.url : null;
  } catch {
    return null;
  }
}
