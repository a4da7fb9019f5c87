/** Renders the officer's view on a faked host, as the officer-view tests share it. */
import * as React from "react";
import { TextEncoder } from "node:util";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { OfficerView } from "../../src/taskpane/components/OfficerView";
import type { ReturnCheck } from "../../src/taskpane/host";
import { fakeHost, type FakeHost } from "./fixtures";

// Whether an approval stands is a hash of the figures; every browser has TextEncoder for it, jsdom lacks it.
if (typeof globalThis.TextEncoder === "undefined") Object.assign(globalThis, { TextEncoder });

export function renderOfficer(check: ReturnCheck, host: FakeHost = fakeHost(check)) {
  const onCheck = jest.fn();
  render(
    <FluentProvider theme={webLightTheme}>
      <OfficerView host={host} check={check} onCheck={onCheck} />
    </FluentProvider>,
  );
  return { host, onCheck, user: userEvent.setup({ delay: null }) };
}
