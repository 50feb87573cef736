// The authorization dialogs as a person uses them in headless Chromium: sign in, read the consent page,
// Allow or Deny, and land on the app's redirect URI; the test then plays the app and exchanges the code.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { getJson, saveScreenshot, SERVER_DLL, useBrowser, useServer } from './harness.mjs';
import { CALLBACK, closeServer, decide, exchangeCode, listenOnCallbackPort, signIn } from './oauth-dialog.mjs';

const server = useServer();
const browser = useBrowser();
const PASSWORD = 'pictograph';
const PORT_BUSY = 'port 3000 stayed busy: the demo redirect URI http://localhost:3000/auth/callback needs it';

let callback;
const landed = [];
before(async () => {
  callback = await listenOnCallbackPort((req, res) => {
    landed.push(req.url);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Demo app</title><h1>Back at the demo app</h1>');
  });
});
after(() => closeServer(callback));
// Each test starts signed out, as a new visitor.
beforeEach(() => browser.clearCookies());

function dialogUrl(scope, state, path = '/oauth/authorize') {
  const query = new URLSearchParams({ client_id: server.appId, redirect_uri: CALLBACK, scope, response_type: 'code', state });
  return `${server.baseUrl}${path}?${query}`;
}

test('sign in, read the consent page, Allow, exchange the code and call /me', async (t) => {
  if (!callback) return t.skip(PORT_BUSY);
  const page = await browser.newPage();
  try {
    await page.goto(dialogUrl('user_profile,user_media', 'state-123'));
    assert.equal(await page.locator('h1').innerText(), 'Log in to continue to Pictograph Demo');
    await signIn(page, 'jane.doe', PASSWORD);

    const text = await page.locator('body').innerText();
    assert.match(text, /Allow Pictograph Demo to access your Instagram account\?/);
    assert.match(text, /You are logged in as jane\.doe/);
    assert.match(text, /Read your profile info: your username and account type\./);
    assert.match(text, /Read your photos, videos and albums, and how many you have\./);
    await saveScreenshot(page, 'consent');

    await decide(page, 'Allow');
    const url = new URL(page.url());
    assert.equal(url.hash, '#_');
    assert.equal(url.searchParams.get('state'), 'state-123');
    const code = url.searchParams.get('code');
    assert.match(code, /^AQ[\w-]{43}$/);
    assert.equal(await page.locator('h1').innerText(), 'Back at the demo app');
    assert.ok(landed.some((path) => path.includes(`code=${code}`)), 'the callback server received the code');

    const exchanged = await exchangeCode(server.baseUrl, { appId: server.appId, appSecret: server.appSecret, code });
    assert.equal(exchanged.status, 200, exchanged.text);
    const { access_token: shortLived } = JSON.parse(exchanged.text);
    // user_id is a JSON number beyond 2^53, as Instagram sent it: read it from the text, not as a double.
    const userId = /"user_id":(\d+)/.exec(exchanged.text)[1];

    const longLived = await getJson(`${server.baseUrl}/access_token?grant_type=ig_exchange_token`
      + `&client_secret=${server.appSecret}&access_token=${encodeURIComponent(shortLived)}`);
    assert.equal(longLived.status, 200, JSON.stringify(longLived.body));
    assert.equal(longLived.body.token_type, 'bearer');
    assert.ok(longLived.body.expires_in > 59 * 86_400, `expires_in ${longLived.body.expires_in}`);

    const me = await getJson(`${server.baseUrl}/me?fields=id,username&access_token=${encodeURIComponent(longLived.body.access_token)}`);
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.deepEqual(me.body, { id: userId, username: 'jane.doe' });
  } finally {
    await page.close();
  }
});

test('Deny sends the person back with access_denied', async (t) => {
  if (!callback) return t.skip(PORT_BUSY);
  const page = await browser.newPage();
  try {
    await page.goto(dialogUrl('user_profile', 'deny-state'));
    await signIn(page, 'jane.doe', PASSWORD);
    await decide(page, 'Deny');

    const url = new URL(page.url());
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('error_reason'), 'user_denied');
    assert.equal(url.searchParams.get('error_description'), 'The user denied your request');
    assert.equal(url.searchParams.get('state'), 'deny-state');
    assert.equal(url.searchParams.get('code'), null);
  } finally {
    await page.close();
  }
});

test('a wrong password shows an error and the sign-in form again', async () => {
  const page = await browser.newPage();
  try {
    await page.goto(dialogUrl('user_profile', 'x'));
    await signIn(page, 'jane.doe', 'not-the-password');

    await assert.doesNotReject(page.getByRole('alert').waitFor());
    assert.equal(await page.getByRole('alert').innerText(), 'Sorry, your username or password was incorrect. Please check them and try again.');
    assert.equal(await page.locator('#login').inputValue(), 'jane.doe');
    assert.equal(await page.locator('#password').inputValue(), '');
    await saveScreenshot(page, 'wrong-password');
  } finally {
    await page.close();
  }
});

test('Instagram Login refuses a personal account; switching to a business account goes through', async (t) => {
  if (!callback) return t.skip(PORT_BUSY);
  const page = await browser.newPage();
  try {
    await page.goto(dialogUrl('instagram_business_basic', 'pro'));
    await signIn(page, 'jane.doe', PASSWORD);
    assert.equal(await page.locator('h1').innerText(), 'Professional account required');
    await saveScreenshot(page, 'personal-account-refused');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Switch account' }).click()]);
    await signIn(page, 'example_shop', PASSWORD);
    assert.match(await page.locator('body').innerText(), /You are logged in as example_shop/);
    await decide(page, 'Allow');
    assert.match(new URL(page.url()).searchParams.get('code'), /^AQ/);
  } finally {
    await page.close();
  }
});

test('Facebook Login: the app administrator authorizes the app in development mode', async (t) => {
  if (!callback) return t.skip(PORT_BUSY);
  const page = await browser.newPage();
  try {
    await page.goto(dialogUrl('instagram_basic,pages_show_list', 'fb', '/v25.0/dialog/oauth'));
    await signIn(page, 'dev@example.com', PASSWORD);
    const text = await page.locator('body').innerText();
    assert.match(text, /Allow Pictograph Demo to access your Facebook account\?/);
    assert.match(text, /See the list of Pages you manage\./);
    assert.match(text, /Read your name and profile picture\./, 'public_profile is always granted');
    await saveScreenshot(page, 'facebook-consent');
    await decide(page, 'Allow');

    const url = new URL(page.url());
    assert.equal(url.hash, '#_=_');
    const query = new URLSearchParams({
      client_id: server.appId, client_secret: server.appSecret, redirect_uri: CALLBACK, code: url.searchParams.get('code'),
    });
    const token = await getJson(`${server.baseUrl}/v25.0/oauth/access_token?${query}`);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(token.body.token_type, 'bearer');

    const appToken = encodeURIComponent(`${server.appId}|${server.appSecret}`);
    const debug = await getJson(`${server.baseUrl}/debug_token?input_token=${token.body.access_token}&access_token=${appToken}`);
    assert.equal(debug.status, 200, JSON.stringify(debug.body));
    assert.equal(debug.body.data.is_valid, true);
    assert.equal(debug.body.data.type, 'USER');
    assert.deepEqual(debug.body.data.scopes, ['instagram_basic', 'pages_show_list', 'public_profile']);
  } finally {
    await page.close();
  }
});

test('a development-mode app is refused to a person without a role on it', async () => {
  // A second app, made with the real CLI on the running server's data directory, with nobody's role.
  const created = execFileSync('dotnet', [SERVER_DLL, 'apps', 'create', '--name', 'Closed Beta',
    '--redirect-uri', CALLBACK, '--data-dir', server.dataDir], { encoding: 'utf8', cwd: server.dataDir });
  const appId = /App id:\s+(\d+)/.exec(created)?.[1];
  assert.ok(appId, created);

  const page = await browser.newPage();
  try {
    const query = new URLSearchParams({ client_id: appId, redirect_uri: CALLBACK, scope: 'user_profile', response_type: 'code', state: 'closed' });
    await page.goto(`${server.baseUrl}/oauth/authorize?${query}`);
    await signIn(page, 'jane.doe', PASSWORD);
    const text = await page.locator('body').innerText();
    assert.match(text, /App not active/);
    assert.doesNotMatch(text, /Allow/);
    assert.ok(page.url().startsWith(server.baseUrl), `stayed on the dialog, not redirected: ${page.url()}`);
    await saveScreenshot(page, 'app-not-active');
  } finally {
    await page.close();
  }
});
