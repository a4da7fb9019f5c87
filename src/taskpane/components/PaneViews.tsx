/**
 * The view the pane shows under its tabs. Each view's code loads on demand (while the workbook is read, or when its
 * tab is first opened), so the pane's first script holds only the frame; until it arrives the pane says so.
 */
import * as React from "react";
import { Suspense, lazy } from "react";
import { registerKey } from "../../core/register";
import type { Account, ReturnCheck, ReturnsHost } from "../host";
import { Loading } from "./Loading";

const ProviderView = lazy(() =>
  import(/* webpackChunkName: "provider" */ "./ProviderView").then((m) => ({ default: m.ProviderView })),
);
const OfficerView = lazy(() =>
  import(/* webpackChunkName: "officer" */ "./OfficerView").then((m) => ({ default: m.OfficerView })),
);
const NewReturnView = lazy(() =>
  import(/* webpackChunkName: "new-return" */ "./NewReturnView").then((m) => ({ default: m.NewReturnView })),
);
/** The template library folded under New: its disclosure comes with the New view's code. */
const TemplateLibraryDisclosure = lazy(() =>
  import(/* webpackChunkName: "new-return" */ "./TemplateLibraryDisclosure").then((m) => ({
    default: m.TemplateLibraryDisclosure,
  })),
);
const QuarterlySummaryView = lazy(() =>
  import(/* webpackChunkName: "summary" */ "./QuarterlySummaryView").then((m) => ({
    default: m.QuarterlySummaryView,
  })),
);
/** The quarter's returns from the Return Register, for officers: loaded only when its tab is opened. */
const QuarterView = lazy(() => import(/* webpackChunkName: "quarter" */ "./QuarterView"));

/**
 * Four views, four short tabs: the template library is folded under New (TemplateLibraryDisclosure), and the quarter's
 * returns (when the host can read the Return Register) and its summary sheet share Quarter.
 */
export type View = "provider" | "officer" | "new" | "quarter";

export interface PaneViewsProps {
  view: View;
  host: ReturnsHost;
  check: ReturnCheck | null;
  onCheck(check: ReturnCheck): void;
  account: Account;
  /** The period a new return or summary suggests: the open return's, or the quarter we are in. */
  period: string;
}

export const PaneViews: React.FC<PaneViewsProps> = ({ view, host, check, onCheck, account, period }) => {
  const reread = () => void host.checkReturn().then(onCheck, () => undefined);
  return (
    <Suspense fallback={<Loading label="Opening the view…" />}>
      {view === "provider" && <ProviderView host={host} check={check} onCheck={onCheck} />}
      {view === "officer" && <OfficerView host={host} check={check} onCheck={onCheck} />}
      {view === "new" && (
        <>
          <NewReturnView host={host} account={account} defaultPeriod={period} onCreated={reread} />
          {host.templateLibrary && (
            <TemplateLibraryDisclosure host={host} defaultPeriod={period} onCreated={reread} />
          )}
        </>
      )}
      {view === "quarter" && (
        <>
          {host.quarterReturns && (
            <QuarterView
              host={host}
              account={account}
              defaultPeriod={period}
              openKey={check?.ret ? registerKey(check.ret) : null}
            />
          )}
          <QuarterlySummaryView host={host} account={account} defaultPeriod={period} />
        </>
      )}
    </Suspense>
  );
};
