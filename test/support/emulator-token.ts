/**
 * Tokens for tests that exercise the emulator's scope checks: an unsigned JWT-shaped token carrying the scopes a
 * test means to grant (the emulator reads `scp` and checks no signature; src/emulator/access.ts).
 */

/** An unsigned JWT-shaped token carrying `scopes` and the user principal name `name`. */
export function emulatorJwt(scopes: readonly string[], name = "officer@example.org"): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ scp: scopes.join(" "), upn: name })}.`;
}
