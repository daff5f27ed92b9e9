/** `@cortex-mem/core/net`: the Host/Origin guard and the exposure check of the network doors. */
export { allowedHostsFor, hostnameOf, isLoopbackBind, isLoopbackHost, rejectForeignHost } from "./host-guard.js";
export type { GuardedRequest, HostGuardOptions } from "./host-guard.js";
export { checkExposure } from "./exposure.js";
export type { ExposureCheck } from "./exposure.js";
