/** The command line's version, from package.json: shown by --version and carried in the User-Agent sent to Graph. */
export function readVersion(): string {
  try {
    // The manifest is two folders above src/cli (tests) and four above dist/node/src/cli (the built bin).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require("../../package.json") as { version: string }).version;
  } catch {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require("../../../../package.json") as { version: string }).version;
    } catch {
      return "unknown";
    }
  }
}
