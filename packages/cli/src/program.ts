import { readFileSync } from "node:fs";
import { Command } from "commander";
import { defineJobCommands } from "./commands/job-commands.js";
import { defineOptimizeCommands } from "./commands/optimize-commands.js";
import { defineReadCommands } from "./commands/read-commands.js";
import type { RunState } from "./commands/common.js";
import { defineServerCommands } from "./commands/server-commands.js";
import { defineSetupCommands } from "./commands/setup-commands.js";
import { defineTransferCommands, describeMigrateStores } from "./commands/transfer-commands.js";
import { defineWriteCommands } from "./commands/write-commands.js";
import { exitCodeOf, reportError } from "./runtime/report-error.js";

/** The package version, read from its package.json. */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/**
 * Builds the `cortex-mem` program. Commands are defined here with commander alone; each one's
 * implementation (and core, and any heavy module) is imported only when it runs.
 */
export function createProgram(state: RunState = { exitCode: 0, json: false }): Command {
  const program = new Command("cortex-mem")
    .description("Long-term memory for AI agents: add, search and manage memories from the terminal.")
    .version(cliVersion(), "-V, --version")
    .option("-c, --config <file>", "config file (TOML or JSON); also accepted after the command")
    .option("--json", "print results as JSON (snake_case wire format) on stdout")
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(run the command with --help for usage and examples)")
    .showSuggestionAfterError(true)
    // With --json, commander's own error text and hints stay off stderr: reportError prints the
    // one JSON error object instead (help and version still print as asked).
    .configureOutput({
      outputError: (text, write) => (state.json ? undefined : write(text)),
      writeErr: (text) => (state.json ? undefined : process.stderr.write(text)),
    });
  defineWriteCommands(program, state);
  defineReadCommands(program, state);
  defineTransferCommands(program, state);
  defineSetupCommands(program, state);
  defineServerCommands(program, state);
  defineOptimizeCommands(program, state);
  defineJobCommands(program, state);
  program.addHelpText(
    "after",
    `
Examples:
  $ cortex-mem add "I am allergic to peanuts" -u alice
  $ cortex-mem search "what can't she eat" -u alice
  $ cortex-mem list -u alice --json
  $ cortex-mem doctor

Data lives in $CORTEX_MEM_HOME (default ~/.cortex-mem).

Exit codes (with --json, errors are one line on stderr: {"error": {code, message, exit_code}}):
  0 ok                 5 conflict            10 unauthorized
  1 aborted/unexpected 6 config              11 forbidden
  2 usage              7 LLM                 12 rate limited (provider quota)
  3 validation         8 embedding           13 timeout
  4 not found          9 store               14 payload too large   15 unsupported media type
`,
  );
  return program;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves the exit code; errors are reported on stderr. */
export async function run(argv: string[] = process.argv): Promise<number> {
  const state: RunState = { exitCode: 0, json: argv.includes("--json") };
  const program = createProgram(state);
  try {
    if (argv.includes("migrate")) await describeMigrateStores(program);
    await program.parseAsync(argv);
    return state.exitCode;
  } catch (error) {
    reportError(error, state.json);
    return exitCodeOf(error);
  }
}
