/** One curl example of the README, as the request it sends. */
export interface CurlExample {
  source: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** From a trailing `# expect NNN` comment; otherwise any 2xx. */
  expectStatus?: number;
}

/** Every ```bash block's curl commands (continuation lines joined), in order. */
export function curlCommands(markdown: string): { command: string; expect?: number }[] {
  const out: { command: string; expect?: number }[] = [];
  for (const block of markdown.matchAll(/```bash\n([\s\S]*?)```/g)) {
    const lines = (block[1] ?? "").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.trimStart().startsWith("curl ")) continue;
      let command = lines[i]!;
      while (command.trimEnd().endsWith("\\") && i + 1 < lines.length)
        command = `${command.trimEnd().slice(0, -1)} ${lines[++i]!.trim()}`;
      while (/'[^']*$/.test(command.replace(/'[^']*'/g, "")) && i + 1 < lines.length)
        command = `${command}\n${lines[++i]}`;
      const expect = /#\s*expect (\d{3})\s*$/.exec(command)?.[1];
      out.push({ command: command.replace(/\s+#[^'"]*$/, "").trim(), ...(expect ? { expect: Number(expect) } : {}) });
    }
  }
  return out;
}

/** Splits a command like a POSIX shell: quotes, backslash escapes and `$VAR` expansion. */
export function shellWords(command: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const expand = (s: string, i: number): [string, number] => {
    const name = /^\$\{?(\w+)\}?/.exec(s.slice(i));
    if (!name) return ["$", i + 1];
    if (!(name[1]! in env)) throw new Error(`README uses $${name[1]} which the test does not set`);
    return [env[name[1]!]!, i + name[0].length];
  };
  for (let i = 0; i < command.length;) {
    const c = command[i]!;
    if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word = (word ?? "") + command.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let quoted = "";
      i++;
      while (i < command.length && command[i] !== '"') {
        const d = command[i]!;
        if (d === "\\" && /["\\$]/.test(command[i + 1] ?? "")) {
          quoted += command[i + 1];
          i += 2;
        } else if (d === "$") {
          const [value, next] = expand(command, i);
          quoted += value;
          i = next;
        } else {
          quoted += d;
          i++;
        }
      }
      word = (word ?? "") + quoted;
      i++;
    } else if (c === "$") {
      const [value, next] = expand(command, i);
      word = (word ?? "") + value;
      i = next;
    } else {
      word = (word ?? "") + (c === "\\" ? command[++i] : c);
      i++;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Reads the curl options the README uses into a request (`-G` + `--data-urlencode` becomes a query). */
export function parseCurl(command: string, env: Record<string, string>, expectStatus?: number): CurlExample {
  const words = shellWords(command, env).slice(1);
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let url = "";
  let body: string | undefined;
  let get = false;
  const query: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === "-X") method = words[++i];
    else if (w === "-H") {
      const [name, ...rest] = words[++i]!.split(":");
      headers[name!.trim()] = rest.join(":").trim();
    } else if (w === "-d" || w === "--data" || w === "--data-raw") body = words[++i];
    else if (w === "--data-urlencode") {
      const [name, ...rest] = words[++i]!.split("=");
      query.push(`${name}=${encodeURIComponent(rest.join("="))}`);
    } else if (w === "-G") get = true;
    else if (/^-[siSfL]+$/.test(w)) continue;
    else if (w.startsWith("-")) throw new Error(`the README test does not know curl option ${w}`);
    else url = w;
  }
  if (query.length) url += `${url.includes("?") ? "&" : "?"}${query.join("&")}`;
  const resolved = method ?? (body !== undefined && !get ? "POST" : "GET");
  return {
    source: command,
    method: resolved,
    url,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(expectStatus ? { expectStatus } : {}),
  };
}
