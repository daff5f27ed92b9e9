import { assertBuilt } from "../src/bins.js";

/** Every suite drives built code (the doors' bins, the crash writer): fail once, clearly, when something is not built. */
export default function setup(): void {
  assertBuilt();
}
