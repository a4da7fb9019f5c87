/** The local Graph emulator's public face: start it, fault it, read its counts. */
export { startEmulator, type EmulatorOptions, type EmulatorStats, type RunningEmulator } from "./server";
export { mixedFaults, type FaultPlan } from "./faults";
export type { StoreState } from "./state";
