import { sharedVitestConfig } from "../../vitest.shared.js";

// The tests spawn the BUILT server (dist/bin.js): `pnpm turbo run test` builds first.
export default sharedVitestConfig({ globalSetup: ["test/global-setup.ts"] });
