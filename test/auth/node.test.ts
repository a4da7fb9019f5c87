import { EMULATOR_TOKEN } from "../../src/auth/config";
import { nodeTokenSource, staticTokenSource } from "../../src/auth/node";

const tenant = {
  baseUrl: "https://graph.microsoft.com/v1.0",
  site: "contoso.sharepoint.com:/sites/commissioning",
};

describe("command-line token source", () => {
  test("uses GRAPH_TOKEN for a tenant, without its Bearer prefix", async () => {
    const source = nodeTokenSource(tenant, { env: { GRAPH_TOKEN: "Bearer eyJ-real" } });
    expect(await source.getToken()).toBe("eyJ-real");
  });

  test("never sends GRAPH_TOKEN to a loopback emulator", async () => {
    const source = nodeTokenSource(
      { ...tenant, baseUrl: "http://127.0.0.1:7373/v1.0" },
      { env: { GRAPH_TOKEN: "eyJ-real" } },
    );
    expect(await source.getToken()).toBe(EMULATOR_TOKEN);
  });

  test("a refused GRAPH_TOKEN cannot be refreshed: it says how to get another", async () => {
    await expect(staticTokenSource("x").getToken(true)).rejects.toThrow(/GRAPH_TOKEN.*device code/);
  });

  test("with neither GRAPH_TOKEN nor a client id, explains both ways to sign in", () => {
    expect(() => nodeTokenSource(tenant, { env: {} })).toThrow(/GRAPH_TOKEN.*KPI_CLIENT_ID/);
  });

  test("with a client id, offers device code sign-in (nothing is asked until a token is needed)", () => {
    const said: string[] = [];
    const source = nodeTokenSource(tenant, {
      env: { KPI_CLIENT_ID: "00000000-0000-0000-0000-000000000001" },
      say: (l) => said.push(l),
    });
    expect(typeof source.getToken).toBe("function");
    expect(said).toEqual([]);
  });
});
