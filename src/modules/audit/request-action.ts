/** What a state-changing route did, named from its pattern (no body, no query: only the route). */
export interface RequestAction {
  action: string;
  targetType: string;
  /** The route parameter naming the target, when the route has one. */
  targetParam?: string;
}

const VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/**
 * `POST /v1/campaigns/:id/launch` -> campaigns.launch on campaigns :id; `POST /v1/campaigns` ->
 * campaigns.create; `PATCH /v1/campaigns/:id` -> campaigns.update; `DELETE /v1/runs/:id/x/:xId`
 * -> runs.x.delete on x :xId. The literal segments name the action; a last literal segment right
 * after a parameter is the verb of a POST (launch, cancel, revert). The target is the resource
 * of the last parameter (or, without one, the collection the route creates in).
 */
export function requestAction(method: string, route: string): RequestAction {
  const segments = route.split('/').filter((s) => s.length > 0 && s !== 'v1');
  const names = segments.filter((s) => !isParam(s));
  const lastParamAt = findLastIndex(segments, isParam);
  const targetParam = lastParamAt >= 0 ? segments[lastParamAt].slice(1) : undefined;
  const targetType = (lastParamAt > 0 ? segments[lastParamAt - 1] : names[0]) ?? 'api';
  const last = segments.at(-1);
  const verbAfterParam = method === 'POST' && last !== undefined && !isParam(last) && segments.length > 1 && isParam(segments[segments.length - 2]);
  const action = verbAfterParam ? names.join('.') : [...names, VERBS[method] ?? method.toLowerCase()].join('.');
  return { action, targetType: isParam(targetType) ? 'api' : targetType, ...(targetParam ? { targetParam } : {}) };
}

function isParam(segment: string): boolean {
  return segment.startsWith(':');
}

function findLastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}
