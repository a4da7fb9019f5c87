/** @jest-environment jsdom */
/**
 * The pane keeps Fluent's focus manager from the first confirmation on: a section that asks, then goes away once its
 * step is done (Submit does), must not leave the rest of the pane hidden from screen readers behind the closed dialog.
 */
import "@testing-library/jest-dom";
import * as React from "react";
import { useState } from "react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button, FluentProvider, webLightTheme } from "@fluentui/react-components";
import { FocusManagerKeeper } from "../../src/taskpane/focus-manager";
import { useConfirm } from "../../src/taskpane/use-confirm";

const settle = { timeout: 5_000 };

/** A step behind a confirmation whose section is gone once it has run, as Submit's is after submitting. */
const Asker: React.FC<{ onDone(): void }> = ({ onDone }) => {
  const confirm = useConfirm();
  return (
    <section aria-label="Submit">
      <Button
        onClick={() =>
          confirm.ask({
            title: "Submit the return?",
            body: "It goes to the team.",
            confirm: "Submit",
            run: onDone,
          })
        }
      >
        Submit return
      </Button>
      {confirm.dialog}
    </section>
  );
};

const Pane: React.FC = () => {
  const [done, setDone] = useState(false);
  return (
    <FluentProvider theme={webLightTheme}>
      <FocusManagerKeeper>
        <main>
          <h1>KPI Returns</h1>
          {done ? <p>Submitted</p> : <Asker onDone={() => setDone(true)} />}
        </main>
      </FocusManagerKeeper>
    </FluentProvider>
  );
};

it("leaves the pane readable after a confirmation whose section has gone", async () => {
  const user = userEvent.setup({ delay: null });
  const { container } = render(<Pane />);
  await user.click(screen.getByRole("button", { name: "Submit return" }));
  const dialog = await screen.findByRole("alertdialog", {}, settle);
  // While the dialog is open, the rest of the page is hidden from screen readers (Fluent's modal dialog does this).
  await waitFor(() => expect(container).toHaveAttribute("aria-hidden", "true"), settle);
  await user.click(within(dialog).getByRole("button", { name: "Submit" }));
  await screen.findByText("Submitted", {}, settle);
  await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument(), settle);
  // Once it has closed, the page is readable again: nothing left hidden.
  await waitFor(() => expect(container).not.toHaveAttribute("aria-hidden"), settle);
  expect(screen.getByRole("heading", { name: "KPI Returns" })).toBeInTheDocument();
});
