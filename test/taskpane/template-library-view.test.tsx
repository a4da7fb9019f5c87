/** @jest-environment jsdom */
/**
 * The Templates view: the library's templates, versions and status, shown as text (a hostile title is never markup),
 * and a new return issued from the published version chosen. Opened from its tab, loaded lazily.
 */
import "@testing-library/jest-dom";
import * as React from "react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/components/App";
import { TemplateLibraryView } from "../../src/taskpane/components/TemplateLibraryView";
import type { TemplateLibrary } from "../../src/taskpane/host";
import { fakeHost } from "./fixtures";

const library: TemplateLibrary = {
  from: "cache",
  notice: "Could not reach Microsoft Graph. Showing the templates saved on this computer.",
  entries: [
    {
      id: "idva",
      version: "1.0.0",
      title: "West Mercia Women's Aid IDVA service",
      serviceArea: "Domestic Abuse",
      source: "built-in",
      status: "Built-in",
    },
    {
      id: "safer-streets-4",
      version: "1.0.0",
      title: "Safer Streets 4",
      serviceArea: "Community Safety",
      source: "library",
      status: "Retired",
      publishedBy: "Demo Officer",
    },
    {
      id: "safer-streets-4",
      version: "1.1.0",
      title: '<img src=x onerror="alert(1)">Safer Streets 4',
      serviceArea: "Community Safety",
      source: "library",
      status: "Published",
      publishedBy: "Demo Officer",
    },
  ],
};

describe("the Templates view", () => {
  it("lists templates with their versions and status, as text, and issues a return from a published version", async () => {
    const createReturn = jest.fn().mockResolvedValue({ sheet: "KPIs", prefilled: 0 });
    const host = fakeHost(null, { templateLibrary: async () => library, createReturn });
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <TemplateLibraryView host={host} defaultPeriod="2022-23 Q3" />
      </FluentProvider>,
    );
    expect(await screen.findByText(/Showing the templates saved on this computer/)).toBeInTheDocument();
    expect(
      screen.getByText("version 1 retired by Demo Officer · version 1.1 published by Demo Officer"),
    ).toBeInTheDocument();
    expect(container.querySelector("img")).toBeNull();
    // Retired versions are listed but cannot be issued.
    const select = screen.getByRole("combobox", { name: /Template version/ });
    expect([...(select as HTMLSelectElement).options].map((o) => o.value)).toEqual([
      "idva@1.0.0",
      "safer-streets-4@1.1.0",
    ]);
    await userEvent.selectOptions(select, "safer-streets-4@1.1.0");
    await userEvent.type(screen.getByRole("textbox", { name: /Provider/ }), "West Mercia PCC");
    await userEvent.click(screen.getByRole("button", { name: "Issue return" }));
    await waitFor(() =>
      expect(createReturn).toHaveBeenCalledWith({
        templateId: "safer-streets-4",
        templateVersion: "1.1.0",
        provider: "West Mercia PCC",
        period: "2022-23 Q3",
      }),
    );
    expect(await screen.findByText("Return issued")).toBeInTheDocument();
  });

  it("is folded under the New view, and read only when opened", async () => {
    const templateLibrary = jest.fn(async () => library);
    const host = fakeHost(null, { templateLibrary });
    render(<App host={host} theme={webLightTheme} />);
    await userEvent.click(await screen.findByRole("tab", { name: "New" }));
    expect(screen.queryByRole("tab", { name: "Templates" })).toBeNull();
    const summary = await screen.findByText("Template library");
    expect(templateLibrary).not.toHaveBeenCalled();
    await userEvent.click(summary);
    expect(await screen.findByRole("list", { name: "Templates and their versions" })).toBeInTheDocument();
    expect(templateLibrary).toHaveBeenCalledTimes(1);
  });
});
