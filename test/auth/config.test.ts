import { UserError } from "../../src/core/errors";
import { buildConfig, EMULATOR_TOKEN, resolveGraphTarget, type AuthConfig } from "../../src/auth/config";
import { createTokenSource } from "../../src/auth/token-source";
import { isLoopbackUrl } from "../../src/sharepoint/target";

const tenant: AuthConfig = {
  ...buildConfig(),
  clientId: "",
  site: "contoso.sharepoint.com:/sites/commissioning",
};

describe("resolveGraphTarget", () => {
  test.each([
    "http://127.0.0.1:4000",
    "http://127.9.8.7:1",
    "http://localhost:3001/",
    "http://[::1]:8080",
    "https://127.0.0.1:9",
  ])("accepts the loopback emulator %s", (url) => {
    const { mode, target } = resolveGraphTarget(`?emulator=${encodeURIComponent(url)}`, tenant);
    expect(mode).toBe("emulator");
    expect(target.baseUrl.endsWith("/v1.0")).toBe(true);
    expect(target.baseUrl.startsWith(url.replace(/\/$/, ""))).toBe(true);
  });

  test.each([
    "http://evil.example.com",
    "http://127.0.0.1.evil.example.com",
    "http://user:pw@127.0.0.1:4000",
    "file:///etc/passwd",
    "http://10.0.0.1",
    "http://128.0.0.1",
    "not a url",
  ])("refuses the non-loopback emulator %s with a plain message", (url) => {
    expect(() => resolveGraphTarget(`?emulator=${encodeURIComponent(url)}`, tenant)).toThrow(UserError);
    expect(isLoopbackUrl(url)).toBe(false);
  });

  test("without ?emulator it uses the build-time tenant and site", () => {
    const { mode, target } = resolveGraphTarget("?foo=1", tenant);
    expect(mode).toBe("tenant");
    expect(target).toEqual({
      baseUrl: "https://graph.microsoft.com/v1.0",
      site: tenant.site,
      lists: { kpi: "KPI Returns", budget: "Budget Returns" },
    });
  });
});

describe("createTokenSource", () => {
  test("emulator mode gives the fixed emulator token", async () => {
    const source = await createTokenSource("emulator");
    expect(await source.getToken()).toBe(EMULATOR_TOKEN);
  });

  test("tenant mode without a client id explains how to configure the build", async () => {
    await expect(createTokenSource("tenant", { config: tenant })).rejects.toThrow(/KPI_CLIENT_ID/);
  });
});
