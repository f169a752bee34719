/** Budgets and usage count by calendar month in UTC: `YYYY-MM`, and the month's first instant. */
export function utcMonthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

export function monthBounds(month: string): { from: Date; to: Date } {
  const [year, m] = month.split('-').map(Number);
  return { from: new Date(Date.UTC(year, m - 1, 1)), to: new Date(Date.UTC(year, m, 1)) };
}
