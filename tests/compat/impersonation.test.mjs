// Unmodified clients against Pictograph answering as Meta's hosts over TLS. No base URL is set and nothing
// of any library is patched: the only changes are the two a developer makes, Meta's names resolved to the
// server (the preload meta-hosts.cjs wraps dns.lookup; Chromium gets --host-resolver-rules) and the
// server's CA trusted (NODE_EXTRA_CA_CERTS; Chromium pins the keys Node checked against it).
//
// plain fetch (profile, paging.next), Meta's Business SDK (FacebookAdsApi.GRAPH left as
// https://graph.facebook.com: Page → IG user → media cursor → publish a photo) and passport-instagram-graph
// with its default api.instagram.com and graph.instagram.com URLs (the code flow in Chromium, the profile).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import tls from 'node:tls';
import { after, before, test } from 'node:test';
import passport from 'passport';
import InstagramStrategy from 'passport-instagram-graph';
import bizSdk from 'facebook-nodejs-business-sdk';
import { TIMEOUT_MS, getJson, issueToken, launchBrowser, useImpersonatingServer } from './harness.mjs';
import { CALLBACK, closeServer, decide, listenWithPassport, signIn } from './oauth-dialog.mjs';

const { FacebookAdsApi, IGMedia, IGUser, Page, ShadowIGMediaBuilder, User } = bizSdk;
const server = useImpersonatingServer();

test('plain fetch reads a profile from graph.instagram.com and walks paging.next', async () => {
  const me = await getJson(`https://graph.instagram.com/me?fields=id,username,media_count&access_token=${server.token}`);
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.username, server.username);

  let url = `https://graph.instagram.com/v25.0/me/media?fields=id,media_url,permalink&limit=2&access_token=${server.token}`;
  const seen = new Set();
  while (url) {
    const page = await getJson(url);
    assert.equal(page.status, 200, JSON.stringify(page.body));
    for (const item of page.body.data) {
      seen.add(item.id);
      if (item.media_url) assert.ok(item.media_url.startsWith('https://scontent.cdninstagram.com/'), item.media_url);
      assert.ok(item.permalink.startsWith('https://www.instagram.com/'), item.permalink);
    }
    url = page.body.paging?.next;
    if (url) assert.ok(url.startsWith('https://graph.instagram.com/v25.0/'), url);
  }
  assert.equal(seen.size, me.body.media_count);
});

async function shopAccountId() {
  FacebookAdsApi.init(issueToken(server, 'dev@example.com', 'instagram_basic,pages_show_list,instagram_content_publish,pages_read_engagement'), 'en_US', false);
  assert.equal(FacebookAdsApi.GRAPH, 'https://graph.facebook.com');
  for (const account of await new User('me').getAccounts(['id'])) {
    const page = await new Page(account.id).get(['instagram_business_account']);
    const linked = page._data.instagram_business_account?.id;
    if (linked && (await new IGUser(linked).get(['username'])).username === 'example_shop') return linked;
  }
  return assert.fail('no Page of dev@example.com is linked to example_shop');
}

test('the Business SDK, unchanged, reads media through its cursor and publishes a photo', async () => {
  const id = await shopAccountId();
  const cursor = await new IGUser(id).getMedia(['id', 'media_type', 'media_url'], { limit: 2 });
  const media = [...cursor];
  while (cursor.hasNext()) media.push(...(await cursor.next()));
  assert.ok(media.length > 2, 'more than one page');

  // The photo to publish is one the server already serves, at its scontent.cdninstagram.com URL: the
  // server fetches it from itself, without asking DNS or the internet.
  const photo = media.find((m) => m.media_type === 'IMAGE');
  assert.ok(photo.media_url.startsWith('https://scontent.cdninstagram.com/'), photo.media_url);
  const container = await new IGUser(id).createMedia([], { image_url: photo.media_url, caption: 'Over TLS, unchanged' });
  const deadline = Date.now() + TIMEOUT_MS;
  let status;
  do {
    status = await new ShadowIGMediaBuilder(container.id).get(['status_code', 'status']);
    if (status.status_code === 'IN_PROGRESS') await new Promise((resolve) => setTimeout(resolve, 200));
  } while (status.status_code === 'IN_PROGRESS' && Date.now() < deadline);
  assert.equal(status.status_code, 'FINISHED', status.status);

  const published = await new IGUser(id).createMediaPublish([], { creation_id: container.id });
  const post = await new IGMedia(published.id).get(['caption', 'media_url', 'permalink']);
  assert.equal(post.caption, 'Over TLS, unchanged');
  assert.equal((await fetch(post.media_url, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status, 200);
  assert.equal((await fetch(post.permalink, { signal: AbortSignal.timeout(TIMEOUT_MS) })).status, 200);
});

// passport-instagram-graph with nothing but the app's id, secret and callback: its own default URLs.
const signedIn = [];
let callback;
before(async () => { callback = await listenWithPassport(passport); });
after(() => closeServer(callback));

/**
 * Chromium's own switches for what the hosts file and the trust store do for a person's browser. Chromium
 * pins server keys, not roots, so the keys are those of the certificates the listener presents now, each
 * checked first against the CA by Node (NODE_EXTRA_CA_CERTS).
 */
async function browserArguments() {
  const hosts = ['api.instagram.com', 'www.instagram.com', 'scontent.cdninstagram.com'];
  const pins = [];
  for (const servername of hosts) {
    const socket = tls.connect({ host: server.metaAddress, port: 443, servername });
    await once(socket, 'secureConnect');
    assert.ok(socket.authorized, `${servername}: ${socket.authorizationError}`);
    const key = socket.getPeerX509Certificate().publicKey.export({ type: 'spki', format: 'der' });
    pins.push(createHash('sha256').update(key).digest('base64'));
    socket.destroy();
  }
  const rules = hosts.map((h) => `MAP ${h} ${server.metaAddress}`).join(',');
  return [`--host-resolver-rules=${rules}`, `--ignore-certificate-errors-spki-list=${pins.join(',')}`];
}

test('passport-instagram-graph runs the code flow at api.instagram.com and reads the profile from graph.instagram.com', async (t) => {
  if (!callback) return t.skip('port 3000 stayed busy: the demo redirect URI http://localhost:3000/auth/callback needs it');
  passport.use(new InstagramStrategy({
    clientID: server.appId,
    clientSecret: server.appSecret,
    callbackURL: CALLBACK,
    scope: ['user_profile', 'user_media'],
  }, (accessToken, refreshToken, params, profile, done) => {
    signedIn.push({ accessToken, profile });
    done(null, { accessToken });
  }));
  const browser = await launchBrowser({ extraArgs: await browserArguments() });
  try {
    const page = await browser.newPage();
    await page.goto('http://localhost:3000/auth/instagram');
    assert.ok(page.url().startsWith('https://api.instagram.com/oauth/authorize/?'), `passport sent the browser to its default dialog URL: ${page.url()}`);
    await signIn(page, 'jane.doe', 'pictograph');
    await decide(page, 'Allow');
    assert.equal(await page.locator('h1').innerText(), 'Signed in with Instagram', await page.locator('body').innerText());
  } finally {
    await browser.close();
  }
  assert.equal(signedIn.length, 1);
  const [{ accessToken, profile }] = signedIn;
  assert.match(accessToken, /^IGQVJ/);
  assert.equal(profile.username, 'jane.doe');
});
