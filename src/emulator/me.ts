/**
 * The signed-in user, as the emulator answers for the demo officer: GET /me (honouring $select) and their mailbox
 * drafts (POST /me/messages creates one, GET /me/messages lists them), each refused 403 without the scope Graph
 * documents for it (access.ts, ME_SCOPES).
 */
import { requireMeScope, type EmulatorContext } from "./context";
import { json, type Answer, type Incoming } from "./shapes";
import { GraphHttpError } from "./state";

/** Who the emulator says is signed in (GET /me): the demo's commissioning officer. */
export const EMULATOR_OFFICER = {
  id: "00000000-0000-4000-8000-00000000e001",
  displayName: "Demo Officer",
  userPrincipalName: "demo.officer@commissioning.example",
  mail: "demo.officer@commissioning.example",
} as const;

/** GET /me: learn.microsoft.com/graph/api/user-get, the id always, the other properties as $select names them. */
function profile(ctx: EmulatorContext, q: URLSearchParams): Answer {
  const select = q
    .get("$select")
    ?.split(",")
    .map((s) => s.trim());
  const me: Record<string, unknown> = { ...EMULATOR_OFFICER };
  if (select) for (const key of Object.keys(me)) if (key !== "id" && !select.includes(key)) delete me[key];
  return json(200, { "@odata.context": `${ctx.base}/v1.0/$metadata#users/$entity`, ...me });
}

export function routeMe(ctx: EmulatorContext, req: Incoming, pathname: string, q: URLSearchParams): Answer {
  const method = req.method.toUpperCase();
  if (pathname === "/me" && method === "GET") {
    requireMeScope(ctx, req, "readProfile", "Reading the signed-in user");
    return profile(ctx, q);
  }
  if (pathname === "/me/messages" && method === "POST") {
    requireMeScope(ctx, req, "createDraft", "Creating a draft message");
    const body = req.body;
    if (body === null || typeof body !== "object" || Array.isArray(body))
      throw new GraphHttpError(400, "RequestBodyRead", "A message needs a JSON object body.");
    return json(201, ctx.store.createMessage(body as Record<string, unknown>));
  }
  if (pathname === "/me/messages" && method === "GET") {
    requireMeScope(ctx, req, "listMessages", "Listing messages");
    return json(200, { value: ctx.store.messages() });
  }
  throw new GraphHttpError(
    405,
    "methodNotAllowed",
    `${method} is not supported on ${pathname} by the emulator.`,
  );
}
