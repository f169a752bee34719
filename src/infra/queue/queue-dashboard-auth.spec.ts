import { QueueDashboardKey } from './queue-dashboard-auth';

const KEY = 'dashboard-key:with/symbols+0123456789abcdef';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe(QueueDashboardKey.name, () => {
  const sut = new QueueDashboardKey(KEY);

  it.each([
    ['a Bearer token', `Bearer ${KEY}`],
    ['a Bearer token with the scheme in lower case', `bearer ${KEY}`],
    ['HTTP Basic as admin', basic('admin', KEY)],
    ['HTTP Basic with the scheme in upper case', basic('admin', KEY).replace('Basic', 'BASIC')],
  ])('should accept the key as %s', (_, authorization) => {
    expect(sut.accepts(authorization)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a scheme alone', 'Bearer'],
    ['a wrong Bearer token', `Bearer ${KEY}x`],
    ['a prefix of the key', `Bearer ${KEY.slice(0, -1)}`],
    ['an empty Basic password', basic('admin', '')],
    ['HTTP Basic as another user', basic('root', KEY)],
    ['HTTP Basic without a colon', `Basic ${Buffer.from(`admin${KEY}`).toString('base64')}`],
    ['the key under another scheme', `Token ${KEY}`],
    ['the key with extra credentials', `Bearer ${KEY} ${KEY}`],
  ])('should refuse %s', (_, authorization) => {
    expect(sut.accepts(authorization)).toBe(false);
  });
});
