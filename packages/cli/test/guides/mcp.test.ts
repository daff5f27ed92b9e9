import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { guideBlocks, GuideIds } from "@cortex-mem/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempHome } from "../helpers.js";

const GUIDE = new URL("../../../../docs/first-hour-mcp.md", import.meta.url);
const CLONE = fileURLToPath(new URL("../../../../", import.meta.url)).replace(/\/$/, "");

interface ServerEntry {
  command: string;
  args: string[];
}

describe("docs/first-hour-mcp.md", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ home, cleanup } = await tempHome()));
  afterAll(() => cleanup());

  it(
    "starts the server from the guide's config and answers each call with the text shown",
    { timeout: 120_000 },
    async () => {
      const blocks = guideBlocks(await readFile(GUIDE, "utf8"));
      const config = JSON.parse(blocks.find((b) => b.text.includes("mcpServers"))!.text) as {
        mcpServers: Record<string, ServerEntry>;
      };
      const entry = config.mcpServers["cortex-mem"]!;
      const transport = new StdioClientTransport({
        command: entry.command === "node" ? process.execPath : entry.command,
        args: entry.args.map((a) => a.replace("<path>", CLONE)),
        env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, CORTEX_MEM_LOG_LEVEL: "silent" },
        stderr: "ignore",
      });
      const client = new Client({ name: "first-hour-guide", version: "1.0.0" });
      await client.connect(transport);
      try {
        const ids = new GuideIds();
        let calls = 0;
        for (let i = 0; i < blocks.length; i++) {
          const block = blocks[i]!;
          if (block.lang !== "json" || !block.text.includes('"arguments"')) continue;
          const shown = JSON.parse(ids.command(block.text)) as { name: string; arguments: Record<string, unknown> };
          const answer = blocks[i + 1]!;
          expect(answer.lang, `the answer to ${shown.name}`).toBe("text");
          const result = (await client.callTool({ name: shown.name, arguments: shown.arguments })) as {
            content: { type: string; text: string }[];
          };
          const printed = `${result.content.map((c) => c.text).join("\n")}\n`;
          const compared = ids.compare(answer.text, printed);
          expect(compared.printed, shown.name).toBe(compared.shown);
          calls++;
        }
        expect(calls).toBe(5);
      } finally {
        await client.close();
      }
    },
  );
});
