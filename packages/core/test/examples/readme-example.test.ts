import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempHome } from "../helpers.js";

const run = promisify(execFile);
const readmePath = fileURLToPath(new URL("../../../../README.md", import.meta.url));
const examplePath = fileURLToPath(new URL("../../examples/readme.mjs", import.meta.url));

/** The fenced block of `lang` that follows `after` in `text`. */
function blockAfter(text: string, after: string, lang: string): string {
  const start = text.indexOf(`\`\`\`${lang}\n`, text.indexOf(after));
  const body = start + lang.length + 4;
  return text.slice(body, text.indexOf("```", body));
}

describe("the README's library example", () => {
  const readme = readFileSync(readmePath, "utf8");

  it("is examples/readme.mjs, line for line", () => {
    const shown = blockAfter(readme, "## The library", "ts");
    const example = readFileSync(examplePath, "utf8");
    expect(example.slice(example.indexOf("import {"))).toBe(shown);
  });

  it("prints what the README says it prints (a fresh home, the built package)", async () => {
    const claimed = blockAfter(readme, "it prints:", "text");
    const { stdout } = await run(process.execPath, [examplePath], {
      env: { ...process.env, CORTEX_MEM_HOME: tempHome() },
    });
    expect(stdout).toBe(claimed);
  });
});
