import { isPageRoute } from './security-headers';

describe(isPageRoute.name, () => {
  it.each(['/docs', '/docs/', '/docs/*', '/docs/swagger-ui-init.js', '/queues', '/queues/*', '/queues/api/queues'])('should take %s for a page', (url) => {
    expect(isPageRoute(url)).toBe(true);
  });

  it.each(['/docs-json', '/docs-yaml', '/documents', '/queuesx', '/v1/docs', '/v1/runs', '/metrics', '*'])('should take %s for the API', (url) => {
    expect(isPageRoute(url)).toBe(false);
  });
});
