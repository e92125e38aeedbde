// Verifies tokens with each provider's own Node server SDK, or with the jose recipe its documents give where it has
// no offline verifier (docs/providers-sources.md). Reads a JSON array of cases on stdin; prints one JSON line per
// check: {"name", "via", "ok", "error"}. It never decides what is expected: the Java test does.
//
// A case: {"name", "provider": "privy"|"magic"|"dynamic"|"para", "token", "kind": "access"|"identity" (Privy),
//          "key": SPKI PEM (Privy, Dynamic), "jwksUri" (Privy, Dynamic, Para), "audience", "attachment" (Magic)}
import { verifyAccessToken, verifyIdentityToken } from '@privy-io/node';
import { Magic } from '@magic-sdk/admin';
import { DynamicStrategy } from '@dynamic-labs/passport-dynamic';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const report = (c, via, run) =>
  run().then(
    (detail) => ({ name: c.name, via, ok: true, ...(detail ? { detail } : {}) }),
    (e) => ({ name: c.name, via, ok: false, error: `${e?.constructor?.name}: ${e?.message}` }),
  );

// Privy: @privy-io/node's verifyAccessToken / verifyIdentityToken (typ JWT, ES256, iss privy.io, aud = app id), with
// the dashboard's PEM verification key and with the app's JWKS.
async function privy(c) {
  const verify = async (key) => {
    if (c.kind === 'access') {
      const claims = await verifyAccessToken({ access_token: c.token, app_id: c.audience, verification_key: key });
      return { user: claims.user_id, session: claims.session_id };
    }
    const user = await verifyIdentityToken({ identity_token: c.token, app_id: c.audience, verification_key: key });
    const wallets = user.linked_accounts.filter((a) => a.type === 'wallet').map((a) => a.address);
    return { user: user.id, wallets };
  };
  const out = [await report(c, 'privy-node pem', () => verify(c.key))];
  if (c.jwksUri) out.push(await report(c, 'privy-node jwks', () => verify(createRemoteJWKSet(new URL(c.jwksUri)))));
  return out;
}

// Magic: @magic-sdk/admin's token.validate(token, attachment), with the client id as the expected aud. Its clock is
// the system's.
async function magic(c) {
  const sdk = new Magic('sk_test_walletgate_interop', { clientId: c.audience });
  return [await report(c, 'magic-admin', async () => {
    sdk.token.validate(c.token, c.attachment ?? 'none');
    return { address: sdk.token.getPublicAddress(c.token) };
  })];
}

// Dynamic: @dynamic-labs/passport-dynamic (jsonwebtoken, RS256, the dashboard's PEM public key), and the documents'
// recipe: jose with the environment's JWKS, RS256, then the scope must contain user:basic.
async function dynamic(c) {
  const passport = () => new Promise((resolve, reject) => {
    const strategy = new DynamicStrategy({ publicKey: c.key }, (payload, done) => done(null, payload));
    strategy.success = (user) => resolve({ sub: user.sub });
    strategy.fail = (message, status) => reject(new Error(`${status} ${message}`));
    strategy.error = reject;
    strategy.authenticate({ headers: { authorization: `Bearer ${c.token}` } });
  });
  const recipe = async () => {
    const { payload } = await jwtVerify(c.token, createRemoteJWKSet(new URL(c.jwksUri)), { algorithms: ['RS256'] });
    const scopes = String(payload.scope ?? '').split(' ');
    if (!scopes.includes('user:basic')) throw new Error(`scope ${JSON.stringify(payload.scope)} lacks user:basic`);
    return { sub: payload.sub, iss: payload.iss };
  };
  return [await report(c, 'passport-dynamic', passport), await report(c, 'dynamic-docs-jose', recipe)];
}

// Para: the documents' JWKS verification with jose (Para's server SDK verifies sessions online only), aud = the API
// key's id.
async function para(c) {
  return [await report(c, 'para-docs-jose', async () => {
    const { payload } = await jwtVerify(c.token, createRemoteJWKSet(new URL(c.jwksUri)), { audience: c.audience });
    return { userId: payload.data?.userId, wallets: (payload.data?.wallets ?? []).map((w) => w.address) };
  })];
}

const providers = { privy, magic, dynamic, para };
for (const c of cases) {
  const run = providers[c.provider];
  const lines = run ? await run(c) : [{ name: c.name, via: 'none', ok: false, error: `unknown provider ${c.provider}` }];
  for (const line of lines) process.stdout.write(JSON.stringify(line) + '\n');
}
