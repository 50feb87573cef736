// passport-instagram-graph (with passport-oauth2 under it), unchanged, runs its real authorization-code
// flow against Pictograph: an Express app at the demo redirect URI sends the browser to the dialog, and
// passport exchanges the code in its callback. Its profile URL is hard-coded to graph.instagram.com, so
// the app skips the profile (skipUserProfile) and calls /me on Pictograph itself with the token.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import passport from 'passport';
import InstagramStrategy from 'passport-instagram-graph';
import { getJson, useBrowser, useServer } from './harness.mjs';
import { CALLBACK, closeServer, decide, listenWithPassport, signIn } from './oauth-dialog.mjs';

const server = useServer();
const browser = useBrowser();

// What passport handed to the app's verify callback.
const signedIn = [];
let callback;

// The app's routes; the strategy is registered in the test, once the server's address is known.
before(async () => { callback = await listenWithPassport(passport); });
after(() => closeServer(callback));

function useInstagramStrategy() {
  passport.use(new InstagramStrategy({
    clientID: server.appId,
    clientSecret: server.appSecret,
    callbackURL: CALLBACK,
    authorizationURL: `${server.baseUrl}/oauth/authorize/`,
    tokenURL: `${server.baseUrl}/oauth/access_token`,
    skipUserProfile: true,
    scope: ['user_profile', 'user_media'],
  }, (accessToken, refreshToken, params, profile, done) => {
    signedIn.push({ accessToken, params });
    done(null, { accessToken });
  }));
}

test('passport-instagram-graph signs jane.doe in and its token reads /me', async (t) => {
  if (!callback) return t.skip('port 3000 stayed busy: the demo redirect URI http://localhost:3000/auth/callback needs it');
  useInstagramStrategy();
  const page = await browser.newPage();
  try {
    await page.goto('http://localhost:3000/auth/instagram');
    assert.ok(page.url().startsWith(`${server.baseUrl}/oauth/authorize/?`), `passport sent the browser to the dialog: ${page.url()}`);
    await signIn(page, 'jane.doe', 'pictograph');
    await decide(page, 'Allow');

    assert.equal(await page.locator('h1').innerText(), 'Signed in with Instagram', await page.locator('body').innerText());
    assert.equal(signedIn.length, 1);
    const [{ accessToken, params }] = signedIn;
    assert.match(accessToken, /^IGQVJ/);

    const me = await getJson(`${server.baseUrl}/me?fields=id,username&access_token=${encodeURIComponent(accessToken)}`);
    assert.equal(me.status, 200, JSON.stringify(me.body));
    assert.equal(me.body.username, 'jane.doe');
    // passport parsed user_id as a JavaScript number: beyond 2^53, so only its leading digits survive.
    assert.equal(typeof params.user_id, 'number');
    assert.equal(String(params.user_id).slice(0, 10), me.body.id.slice(0, 10));
  } finally {
    await page.close();
  }
});
