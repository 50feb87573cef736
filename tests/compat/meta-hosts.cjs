// Preloaded into every compat test process (node --require ./meta-hosts.cjs): the only change an
// unmodified Instagram client needs besides trusting Pictograph's CA (NODE_EXTRA_CA_CERTS). Meta's host
// names resolve to the address in PICTOGRAPH_META_ADDRESS (the TLS listener of this process's server,
// set by harness.mjs's useImpersonatingServer) and every other name as usual. Nothing else is redirected.
'use strict';
const dns = require('node:dns');

const META_HOSTS = new Set([
  'graph.facebook.com', 'graph-video.facebook.com', 'graph.instagram.com', 'api.instagram.com',
  'www.instagram.com', 'www.facebook.com', 'rupload.facebook.com', 'scontent.cdninstagram.com',
]);

const lookup = dns.lookup;
dns.lookup = function lookupMetaHosts(hostname, options, callback) {
  const address = process.env.PICTOGRAPH_META_ADDRESS;
  if (!address || !META_HOSTS.has(String(hostname).toLowerCase())) {
    return lookup.call(this, hostname, options, callback);
  }
  const done = typeof options === 'function' ? options : callback;
  const all = typeof options === 'object' && options !== null && options.all;
  process.nextTick(() => (all ? done(null, [{ address, family: 4 }]) : done(null, address, 4)));
  return {};
};
