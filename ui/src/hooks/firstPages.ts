// The answers of the pages a clerk opens first, asked for before they open:
// the 工作台's as soon as the script runs (beside app_status, not after the
// shell has drawn), 督办台账's first page and filter choices once the 工作台
// has painted (the organisation is the 工作台's already, through useOrg).
// They wait in the kept store (hooks/kept.ts) for the page, which then draws
// itself once, with its data.
import type { Dashboard } from "../api/generated/Dashboard";
import type { LedgerFilter } from "../api/generated/LedgerFilter";
import { dashboardFigures, loadDashboard } from "../api/reminders";
import { firstLaunch } from "../api/settings";
import { ledgerOptions, queryLedger } from "../api/tasks";
import { emptyFilter } from "../components/ledgerFilter";
import { fetchKept } from "./kept";
import { afterFirstPage, markStep } from "./performanceMark";

/** The 工作台 and whether the database is fresh (its first steps). */
export const DASHBOARD = "dashboard";
export const loadDashboardPage = (): Promise<[Dashboard, boolean]> => Promise.all([loadDashboard(), firstLaunch()]);
/** The 工作台's charts. */
export const DASHBOARD_FIGURES = "dashboard-figures";
/** The organisation (every form's selects). */
export const ORG = "org";
/** 督办台账's filter choices. */
export const LEDGER_OPTIONS = "ledger-options";
/** 督办台账's current page (one kept, for one filter). */
export const LEDGER = "ledger";
export const ledgerKey = (filter: LedgerFilter) => JSON.stringify(filter);

const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

/**
 * Asks for the 工作台's answers now, and for 督办台账's once the first page
 * has painted. A failure here is quiet: the page asks again and reports it.
 */
export function prefetchFirstPages(): void {
  quietly(fetchKept(DASHBOARD, "", loadDashboardPage).then(() => markStep("dashboard-answer")));
  quietly(fetchKept(DASHBOARD_FIGURES, "", dashboardFigures).then(() => markStep("figures-answer")));
  void afterFirstPage().then(() => {
    const filter = emptyFilter();
    quietly(fetchKept(LEDGER, ledgerKey(filter), () => queryLedger(filter)));
    quietly(fetchKept(LEDGER_OPTIONS, "", ledgerOptions));
  });
}
