/** `kpi-returns emulator --data FILE` with a corrupt or foreign data file: one fixed plain sentence, exit 2. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { main } from "../../src/cli/main";
import { ExitCode } from "../../src/cli/exit";
import { testIo, tempDir, errorLines } from "./support";

async function runWithData(content: string): Promise<{ code: number; lines: string[]; file: string }> {
  const dir = tempDir();
  const file = path.join(dir, "bad.json");
  await fs.writeFile(file, content);
  const io = testIo(dir);
  const code = await main(["emulator", "--port", "0", "--data", "bad.json"], io);
  return { code, lines: errorLines(io), file };
}

describe("kpi-returns emulator --data", () => {
  it("says a file of garbage is not valid JSON and what to do, with exit 2 and no V8 text", async () => {
    const { code, lines, file } = await runWithData("garbage\n");
    expect(code).toBe(ExitCode.badInput);
    expect(lines).toEqual([
      `kpi-returns: The emulator data file "${file}" is not valid JSON: delete it or point --data at another file.`,
    ]);
    expect(lines.join("\n")).not.toMatch(/Unexpected token|position|SyntaxError/);
  });

  it("says valid JSON of another shape is not an emulator data file", async () => {
    const { code, lines, file } = await runWithData('{"hello": "world"}');
    expect(code).toBe(ExitCode.badInput);
    expect(lines).toEqual([
      `kpi-returns: The emulator data file "${file}" is not an emulator data file: delete it or point --data at another file.`,
    ]);
  });
});
