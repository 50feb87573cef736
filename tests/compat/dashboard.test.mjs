// The developer dashboard in a real headless Chromium: sign in, create an app, read its page, and use
// what it shows (the app secret, a generated token) against the API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getJson, saveScreenshot, useBrowser, useServer } from './harness.mjs';

const server = useServer();
const browser = useBrowser();

// Seeded by the demo world (src/Pictograph/Seed/DemoWorld.cs).
const DEVELOPER = { email: 'dev@example.com', password: 'pictograph' };

async function signIn(page) {
  await page.goto(`${server.baseUrl}/developers/apps`);
  assert.equal(new URL(page.url()).pathname, '/developers/signin', 'the dashboard sends a visitor to sign in');
  await page.getByLabel('Email address').fill(DEVELOPER.email);
  await page.getByLabel('Password').fill(DEVELOPER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/developers/apps');
}

test('a developer signs in, creates an app, sees its id and its secret works', async () => {
  const page = await browser.newPage();
  try {
    await signIn(page);
    assert.ok(await page.getByRole('link', { name: 'Pictograph Demo' }).isVisible(), 'My apps lists the demo app');

    await page.getByLabel('App name').fill('Compat app');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.waitForURL(/\/developers\/apps\/\d+/);
    const appId = new URL(page.url()).pathname.split('/').pop();
    assert.equal(await page.locator('#app-id').innerText(), appId);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Compat app');
    assert.match(await page.getByRole('status').innerText(), /App created/);
    await saveScreenshot(page, 'app-page');

    await page.getByRole('button', { name: 'Show' }).click();
    const secret = await page.locator('#app-secret').innerText();
    assert.match(secret, /^[0-9a-f]{32}$/);
    const { status, body } = await getJson(
      `${server.baseUrl}/oauth/access_token?grant_type=client_credentials&client_id=${appId}&client_secret=${secret}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.access_token, `${appId}|${secret}`);
  } finally {
    await page.close();
  }
});

test("the token generator's token reads the tester's profile", async () => {
  const page = await browser.newPage();
  try {
    await page.goto(`${server.baseUrl}/developers/apps/${server.appId}/tokens`);
    if (new URL(page.url()).pathname === '/developers/signin') await signIn(page);
    await page.goto(`${server.baseUrl}/developers/apps/${server.appId}/tokens`);
    await page.getByLabel('For').selectOption({ label: `@${server.username} (Tester)` });
    await page.getByRole('checkbox', { name: /user_profile/ }).check();
    await page.getByRole('button', { name: 'Generate token' }).click();
    const token = await page.locator('#generated-token').innerText();
    await saveScreenshot(page, 'tokens-page');

    const { status, body } = await getJson(`${server.baseUrl}/me?fields=id,username&access_token=${encodeURIComponent(token)}`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.username, server.username);
  } finally {
    await page.close();
  }
});
