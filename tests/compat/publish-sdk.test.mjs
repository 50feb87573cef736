// Meta's official Business SDK for Node publishes through Pictograph exactly as through Instagram:
// IGUser.createMedia → poll the container (ShadowIGMediaBuilder) → IGUser.createMediaPublish, for one
// photo and for a carousel of two, then reads the quota with getContentPublishingLimit. The photos are
// fetched by the server from a URL, here its own signed media URLs (loopback is allowed for this server).
//
// As in meta-sdk.test.mjs, FacebookAdsApi.GRAPH is redefined at run time to point at this server.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import bizSdk from 'facebook-nodejs-business-sdk';
import { TIMEOUT_MS, getJson, issueToken, useServer } from './harness.mjs';

const { FacebookAdsApi, IGMedia, IGUser, Page, ShadowIGMediaBuilder, User } = bizSdk;

const server = useServer({ args: ['--Pictograph:OutboundAllowList:0=127.0.0.0/8'] });
const SCOPES = 'instagram_basic,pages_show_list,instagram_content_publish,pages_read_engagement';

let igUserId;


async function shopAccountId() {
  if (igUserId) return igUserId;
  const baseUrl = server.baseUrl;
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { configurable: true, get: () => baseUrl });
  FacebookAdsApi.init(issueToken(server, 'dev@example.com', SCOPES), 'en_US', false);
  for (const account of await new User('me').getAccounts(['id'])) {
    const page = await new Page(account.id).get(['instagram_business_account']);
    const linked = page._data.instagram_business_account?.id;
    if (linked && (await new IGUser(linked).get(['username'])).username === 'example_shop') {
      igUserId = linked;
      return igUserId;
    }
  }
  assert.fail('no Page of dev@example.com is linked to example_shop');
}

/** Square photo URLs to publish: the demo account's own images, as served at their signed media_url. */
async function photoUrls(count) {
  const media = await getJson(`${server.baseUrl}/me/media?fields=media_type,media_url&limit=50&access_token=${server.token}`);
  const urls = media.body.data.filter((m) => m.media_type === 'IMAGE').map((m) => m.media_url);
  assert.ok(urls.length >= count, 'the demo account has enough photos');
  return urls.slice(0, count);
}

async function waitUntilFinished(containerId) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const container = await new ShadowIGMediaBuilder(containerId).get(['status_code', 'status']);
    if (container.status_code !== 'IN_PROGRESS' || Date.now() > deadline) return container;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the SDK publishes a photo: container, status, media_publish', async () => {
  const id = await shopAccountId();
  const [url] = await photoUrls(1);

  const container = await new IGUser(id).createMedia([], { image_url: url, caption: 'Published with the Business SDK #sdkpublish' });
  assert.match(container.id, /^\d+$/);
  const status = await waitUntilFinished(container.id);
  assert.equal(status.status_code, 'FINISHED', status.status);

  const published = await new IGUser(id).createMediaPublish([], { creation_id: container.id });
  const media = await new IGMedia(published.id).get(['caption', 'media_type', 'media_product_type', 'permalink', 'media_url']);
  assert.equal(media.caption, 'Published with the Business SDK #sdkpublish');
  assert.equal(media.media_type, 'IMAGE');
  assert.equal(media.media_product_type, 'FEED');
  assert.equal((await fetch(media.media_url)).status, 200);

  // Publishing the same container again is refused with Instagram's error, which the SDK raises.
  await assert.rejects(new IGUser(id).createMediaPublish([], { creation_id: container.id }), (error) => {
    assert.equal(error.response?.error?.code ?? error.response?.code, 9007);
    return true;
  });
});

test('the SDK publishes a carousel of two photos', async () => {
  const id = await shopAccountId();
  const urls = await photoUrls(2);
  const children = [];
  for (const url of urls) {
    children.push((await new IGUser(id).createMedia([], { image_url: url, is_carousel_item: true })).id);
  }
  const carousel = await new IGUser(id).createMedia([], { media_type: 'CAROUSEL', children, caption: 'Two from the SDK' });
  const status = await waitUntilFinished(carousel.id);
  assert.equal(status.status_code, 'FINISHED', status.status);

  const published = await new IGUser(id).createMediaPublish([], { creation_id: carousel.id });
  const album = await new IGMedia(published.id).get(['media_type', 'caption']);
  assert.equal(album.media_type, 'CAROUSEL_ALBUM');
  assert.equal(album.caption, 'Two from the SDK');
  const items = await new IGMedia(published.id).getChildren(['media_type']);
  assert.equal(items.length, 2);
});

test('the SDK reads the publishing quota', async () => {
  const id = await shopAccountId();
  const limit = await new IGUser(id).getContentPublishingLimit(['config', 'quota_usage']);
  assert.equal(limit.length, 1);
  assert.equal(limit[0].quota_usage, 2);
  assert.deepEqual(limit[0].config, { quota_total: 100, quota_duration: 86400 });
});
