// 月度督办通报: thin wrappers over the `monthly_*` commands.
import { call } from "./invoke";
import type { MonthlyFigures } from "./generated/MonthlyFigures";

export const monthlyFigures = (month: string, asOf: string | null) =>
  call<MonthlyFigures>("monthly_figures", { month, asOf });
export const exportMonthly = (month: string, asOf: string | null, path: string) =>
  call<MonthlyFigures>("monthly_export", { month, asOf, path });
