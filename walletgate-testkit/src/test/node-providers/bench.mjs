// The providers' own Node SDKs verifying the very tokens WalletGate's ProviderBench verifies (walletgate-bench's
// ProviderFixtures writes them, with the dashboard's PEM key, to providers.json): a new token each operation, one at a
// time, awaited, as a request handler does; the same warm-up and rounds as the other Node rows
// (walletgate-bench/src/node/measure.mjs). Keys are the PEM, as each SDK's documents configure them offline:
//   privy    @privy-io/node verifyIdentityToken({identity_token, app_id, verification_key: PEM})
//   dynamic  @dynamic-labs/passport-dynamic (jsonwebtoken, RS256, the PEM), then the documents' user:basic check
//   para     the documents' recipe (Para's server SDK verifies online only): jose jwtVerify, aud, the key imported once
//   magic    @magic-sdk/admin token.validate(token) (signer recovery, ext, nbf, aud)
// None of them matches the client's wallet against the token, which WalletGate's row includes.
//
// Usage: node bench.mjs providers.json [--warmup-ms 2000] [--rounds 3] [--round-ms 1000] > providers-node.json
import { readFileSync } from 'node:fs';
import { verifyIdentityToken } from '@privy-io/node';
import { Magic } from '@magic-sdk/admin';
import { DynamicStrategy } from '@dynamic-labs/passport-dynamic';
import { importSPKI, jwtVerify } from 'jose';
import { measurer } from '../../../../walletgate-bench/src/node/measure.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!file) {
  console.error('usage: node bench.mjs providers.json [--warmup-ms N] [--rounds N] [--round-ms N]');
  process.exit(2);
}
const measure = measurer(option('--warmup-ms', 2000), option('--rounds', 3), option('--round-ms', 1000));
const fixtures = JSON.parse(readFileSync(file, 'utf8'));
const audience = fixtures.audience;

function dynamicVerifier(pem) {
  const strategy = new DynamicStrategy({ publicKey: pem }, (payload, done) => done(null, payload));
  return (token) => new Promise((resolve, reject) => {
    strategy.success = (user) => {
      if (!String(user.scope ?? '').split(' ').includes('user:basic')) reject(new Error('lacks user:basic'));
      else resolve(user);
    };
    strategy.fail = (message, status) => reject(new Error(`${status} ${message}`));
    strategy.error = reject;
    strategy.authenticate({ headers: { authorization: `Bearer ${token}` } });
  });
}

async function verifierOf(pool) {
  switch (pool.profile) {
    case 'privy':
      return (token) => verifyIdentityToken({ identity_token: token, app_id: audience, verification_key: pool.pem });
    case 'dynamic':
      return dynamicVerifier(pool.pem);
    case 'para': {
      const key = await importSPKI(pool.pem, 'ES256');
      return (token) => jwtVerify(token, key, { audience, algorithms: ['ES256', 'RS256'] });
    }
    case 'magic': {
      const sdk = new Magic('sk_test_walletgate_bench', { clientId: audience });
      return async (token) => sdk.token.validate(token);
    }
    default:
      throw new Error(`unknown profile ${pool.profile}`);
  }
}

const versions = {};
for (const name of ['@privy-io/node', '@magic-sdk/admin', '@dynamic-labs/passport-dynamic', 'jose']) {
  versions[name] = JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8'))
    .version;
}
const results = {};
for (const pool of fixtures.profiles) {
  const verify = await verifierOf(pool);
  const tokens = pool.tokens.map((t) => t.token);
  for (const t of tokens) await verify(t); // every token is valid for the SDK before it is timed
  let next = 0;
  results[pool.profile] = await measure(async () => {
    const t = tokens[next];
    next = next + 1 === tokens.length ? 0 : next + 1;
    await verify(t);
  });
}
process.stdout.write(JSON.stringify({ node: process.version, versions, results }, null, 2) + '\n');
