/**
 * Metric names a PromQL expression reads, without a PromQL parser (none is a dependency): strings,
 * label matchers, range and subquery brackets, grouping clauses and Grafana's variables are
 * removed first; what is left that is an identifier and not a function call, keyword or number is
 * a metric name. Good for the expressions of our alert rules and dashboards, checked by its spec.
 */
const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

export function metricNamesOf(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\$\{[^}]*\}|\$[A-Za-z_]\w*/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/#.*$/gm, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = match;
    const before = stripped[match.index - 1];
    // 1e3, 5m-style leftovers and hex digits belong to a number.
    if (before !== undefined && /[0-9.]/.test(before)) continue;
    if (call || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** Metric family names and their types, from the `# TYPE` lines of a Prometheus text exposition. */
export function familiesOf(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families.set(name, type);
  return families;
}

/** Series names a family exposes: a histogram's _bucket, _count and _sum, a summary's _count and _sum. */
export function seriesNamesOf(families: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of families) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(name + suffix);
    else if (type === 'summary') for (const suffix of ['', '_count', '_sum']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}
