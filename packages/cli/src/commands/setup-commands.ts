import type { Command } from "commander";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction } from "./common.js";

/** `init`, `config` and `doctor`: setting up and checking a configuration. */
export function defineSetupCommands(program: Command, state: RunState): void {
  const init = program
    .command("init")
    .description("Write a commented cortex-mem.toml to start from")
    .argument("[file]", "where to write it", "cortex-mem.toml")
    .option("--force", "overwrite an existing file");
  commonOptions(init);
  examples(init, ["cortex-mem init", "cortex-mem init ~/.cortex-mem/cortex-mem.toml --force"]);
  lazyAction(init, state, () => import("../actions/init.js"));

  const config = program
    .command("config")
    .description("Show the effective configuration (secrets masked) and where each value came from");
  commonOptions(config);
  examples(config, ["cortex-mem config", "cortex-mem -c ./cortex-mem.toml config --json"]);
  lazyAction(config, state, () => import("../actions/config.js"));

  const doctor = program
    .command("doctor")
    .description("Check the store, the LLM and the embedding endpoint; one line each, non-zero exit on failure");
  commonOptions(doctor);
  examples(doctor, ["cortex-mem doctor", "cortex-mem doctor --json"]);
  lazyAction(doctor, state, () => import("../actions/doctor.js"));
}
