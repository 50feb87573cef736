// The inspector pages of the developer dashboard in a real headless Chromium: a request made just before
// shows in the list (its token masked), and the live tail, a page that grows without any script, shows a
// request made while it is open.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getJson, saveScreenshot, TIMEOUT_MS, useBrowser, useServer } from './harness.mjs';

const server = useServer();
const browser = useBrowser();

// Seeded by the demo world (src/Pictograph/Seed/DemoWorld.cs).
const DEVELOPER = { email: 'dev@example.com', password: 'pictograph' };

/** Opens a dashboard path, signing in first when the browser has no session yet (the tests share one). */
async function signIn(page, path) {
  await page.goto(`${server.baseUrl}${path}`);
  if (new URL(page.url()).pathname === path) return;
  assert.equal(new URL(page.url()).pathname, '/developers/signin', 'the inspector is behind the sign-in');
  await page.getByLabel('Email address').fill(DEVELOPER.email);
  await page.getByLabel('Password').fill(DEVELOPER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`**${path}`);
}

test('a request made just before is listed with its token masked', async () => {
  const { status } = await getJson(`${server.baseUrl}/v25.0/me?fields=id,username&marker=listed&access_token=${server.token}`);
  assert.equal(status, 200);
  const page = await browser.newPage();
  try {
    await signIn(page, '/developers/inspector');
    const row = page.locator('#requests tr', { hasText: 'marker=listed' });
    await row.waitFor();
    const text = await row.innerText();
    assert.ok(!text.includes(server.token), 'the token is masked');
    assert.ok(text.includes(`access_token=${server.token.slice(0, 4)}…${server.token.slice(-4)}`), text);
    assert.match(text, /\b200\b/);
    await saveScreenshot(page, 'inspector-requests');

    await page.getByLabel('Status').fill('4xx');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/status=4xx/);
    assert.equal(await page.locator('#requests tr', { hasText: 'marker=listed' }).count(), 0, 'the filter leaves the 200 out');

    for (const tab of ['Containers', 'Webhooks', 'Faults', 'Clock']) {
      await page.getByRole('navigation').getByRole('link', { name: tab, exact: true }).click();
      await page.waitForURL(`**/developers/inspector/${tab.toLowerCase()}`);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Inspector');
    }
    assert.match(await page.locator('#clock').innerText(), /Server time/);
  } finally {
    await page.close();
  }
});

test('the live tail shows a request made while it is open', async () => {
  const page = await browser.newPage();
  try {
    await signIn(page, '/developers/inspector');
    // The page never finishes loading: it goes on with a row per new request.
    await page.goto(`${server.baseUrl}/developers/inspector/tail`, { waitUntil: 'commit' });
    await page.locator('#tail').waitFor({ state: 'attached' });
    const { status } = await getJson(`${server.baseUrl}/v25.0/me?fields=id&marker=tailed&access_token=${server.token}`);
    assert.equal(status, 200);
    const row = page.locator('#tail li', { hasText: 'marker=tailed' });
    await row.waitFor({ timeout: TIMEOUT_MS });
    assert.ok(!(await row.innerText()).includes(server.token), 'the token is masked');
    await saveScreenshot(page, 'inspector-tail');
  } finally {
    await page.close();
  }
});
