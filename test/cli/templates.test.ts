import { main } from "../../src/cli/main";
import { builtInTemplates } from "../../src/templates";
import { testIo } from "./support";

describe("kpi-returns templates", () => {
  it("lists every built-in template as JSON", async () => {
    const io = testIo("/");
    expect(await main(["templates", "--json"], io)).toBe(0);
    const listed = JSON.parse(io.stdout()) as { id: string; version: string; kpis: { id: string }[] }[];
    expect(listed.map((t) => t.id).sort()).toEqual(builtInTemplates.map((t) => t.id).sort());
    const idva = listed.find((t) => t.id === "idva")!;
    expect(idva.kpis.map((k) => k.id)).toEqual(
      builtInTemplates.find((t) => t.id === "idva")!.kpis.map((k) => k.id),
    );
  });

  it("prints a table naming each template", async () => {
    const io = testIo("/");
    expect(await main(["templates"], io)).toBe(0);
    for (const t of builtInTemplates) expect(io.stdout()).toContain(t.id);
    expect(io.stdout()).toContain(`${builtInTemplates.length} templates.`);
  });
});
