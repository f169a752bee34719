import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createTestApp, TestApp } from '../support/app';

const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

/**
 * The page after its scripts ran, as headless Chromium sees it. Asynchronous on purpose: the app
 * answering the browser lives in this process, so a synchronous spawn would starve it.
 */
async function renderedPage(url: string): Promise<{ dom: string; console: string[] }> {
  // --v=1 with logging to stderr prints the page's console, where Chromium reports what a Content-Security-Policy blocked.
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-logging=stderr', '--v=1', '--virtual-time-budget=15000', '--dump-dom', url];
  try {
    const { stdout, stderr } = await promisify(execFile)(CHROMIUM, args, { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
    return { dom: stdout, console: stderr.split('\n').filter((line) => line.includes(':CONSOLE')) };
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') throw new Error(`${CHROMIUM} cannot be run: install it with \`apt-get install chromium\` (scripts/test-all.sh does) or point CHROMIUM at it`);
    throw new Error(`${CHROMIUM} failed: ${(error as Error).message}\n${stderr ?? ''}`);
  }
}

/** Swagger UI renders in a real browser under the Content-Security-Policy the app sends with it. */
describe('Swagger UI in a browser', () => {
  let sut: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    sut = await createTestApp();
    await sut.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(() => sut?.close());

  it('should run its scripts, fetch the document and list the operations', async () => {
    const page = await fetch(`${baseUrl}/docs`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");

    // Every operation row is drawn by Swagger UI's scripts from /docs-json: none appear unless the policy lets them run and fetch.
    const { dom, console } = await renderedPage(`${baseUrl}/docs`);

    expect(dom).toContain('NeonHub API');
    expect(dom).toContain('data-path="/v1/me"');
    expect(dom).toContain('data-path="/v1/runs"');
    expect(dom).not.toContain('Failed to load API definition');
    expect(console.filter((line) => /Content Security Policy/i.test(line))).toEqual([]);
  }, 120_000);
});
