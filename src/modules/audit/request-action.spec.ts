import { requestAction } from './request-action';

describe(requestAction.name, () => {
  it.each([
    ['POST', '/v1/campaigns/:id/launch', { action: 'campaigns.launch', targetType: 'campaigns', targetParam: 'id' }],
    ['POST', '/v1/campaigns', { action: 'campaigns.create', targetType: 'campaigns' }],
    ['PATCH', '/v1/campaigns/:id', { action: 'campaigns.update', targetType: 'campaigns', targetParam: 'id' }],
    ['DELETE', '/v1/api-keys/:id', { action: 'api-keys.delete', targetType: 'api-keys', targetParam: 'id' }],
    ['PUT', '/v1/connectors/:key/credentials', { action: 'connectors.credentials.update', targetType: 'connectors', targetParam: 'key' }],
    ['POST', '/v1/runs/:id/approvals/:approvalId', { action: 'runs.approvals.create', targetType: 'approvals', targetParam: 'approvalId' }],
    ['POST', '/v1/knowledge/datasets/:id/documents', { action: 'knowledge.datasets.documents', targetType: 'datasets', targetParam: 'id' }],
    ['POST', '/v1/seo/schedule', { action: 'seo.schedule.create', targetType: 'seo' }],
  ])('should name %s %s', (method, route, expected) => {
    expect(requestAction(method, route)).toEqual(expected);
  });
});
