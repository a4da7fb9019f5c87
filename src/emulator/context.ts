/**
 * What every part of the emulator's request handling shares: the store, the counts, the fault dice and throttle
 * windows, the server's own address, and the one place a request is refused for want of a scope.
 */
import { grants, grantsMe, ME_SCOPES, type MeOperation, type SiteScope } from "./access";
import type { FaultDice } from "./faults";
import type { Incoming } from "./shapes";
import { GraphHttpError } from "./state";
import type { EmulatorStats } from "./stats";
import type { Store } from "./store";
import type { ThrottleWindows } from "./throttle";

export interface EmulatorContext {
  readonly store: Store;
  /** The counts so far; replaced whole when they are reset. */
  stats: EmulatorStats;
  readonly dice: FaultDice;
  readonly windows: ThrottleWindows;
  /** "http://127.0.0.1:PORT", once the server listens: where @odata links point. */
  base: string;
}

/** 403 accessDenied, counted, naming what was being done and the scope it needs. */
function forbidden(ctx: EmulatorContext, doing: string, need: string): GraphHttpError {
  ctx.stats.forbidden += 1;
  return new GraphHttpError(
    403,
    "accessDenied",
    `${doing} needs the ${need} permission, which the token lacks.`,
  );
}

/** 403 accessDenied unless the token carries `need` (or a higher Sites scope). */
export function requireScope(ctx: EmulatorContext, req: Incoming, need: SiteScope, doing: string): void {
  if (!grants(req.scopes, need)) throw forbidden(ctx, doing, need);
}

/** 403 accessDenied unless the token carries a scope Graph lists for this operation on the signed-in user. */
export function requireMeScope(
  ctx: EmulatorContext,
  req: Incoming,
  operation: MeOperation,
  doing: string,
): void {
  if (!grantsMe(req.scopes, operation)) throw forbidden(ctx, doing, ME_SCOPES[operation][0]);
}
