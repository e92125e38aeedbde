// Mints tokens the way the providers' own code makes them, for WalletGate to verify: Magic DID tokens signed by an
// ethers wallet exactly as Magic's documents describe (btoa(JSON.stringify([proof, claim])), proof =
// personal_sign(claim)), and Privy tokens made by the recipe of Privy's "mock JWT" document (jose, ES256, the Privy
// claims: an access token, and an identity token with linked_accounts). Each token is first checked by the provider's
// own SDK here. Reads {"audience"} on stdin; prints one JSON
// object: {"magic": [...], "privy": [...]}.
import { Wallet } from 'ethers';
import { Magic } from '@magic-sdk/admin';
import { verifyAccessToken, verifyIdentityToken } from '@privy-io/node';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { audience } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const now = Math.floor(Date.now() / 1000);

async function magicToken(name, wallet, fields, attachment = 'none') {
  const claim = JSON.stringify({
    iat: now, ext: now + 900, iss: `did:ethr:${wallet.address}`, sub: randomBytes(32).toString('base64'),
    aud: audience, nbf: now, tid: randomUUID(), add: await wallet.signMessage(attachment), ...fields,
  });
  const proof = await wallet.signMessage(claim);
  const token = Buffer.from(JSON.stringify([proof, claim]), 'utf8').toString('base64');
  new Magic('sk_test_walletgate_interop', { clientId: audience }).token.validate(token, attachment);
  return { name, token, address: wallet.address, audience, attachment };
}

const wallet = Wallet.createRandom();
const magic = [
  await magicToken('magic ethers', wallet, {}),
  // Magic's SDK compares numbers: an ext written as a float, as in its own test token, is valid there.
  await magicToken('magic float ext', wallet, { ext: 1.0000000000016881e21 }),
  await magicToken('magic attachment', Wallet.createRandom(), {}, 'user@example.com'),
];

const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
const pem = await exportSPKI(publicKey);
const privyToken = await new SignJWT({ sid: randomUUID() })
  .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
  .setIssuer('privy.io')
  .setIssuedAt()
  .setAudience(audience)
  .setSubject(`did:privy:${randomBytes(12).toString('hex')}`)
  .setExpirationTime('1h')
  .sign(privateKey);
await verifyAccessToken({ access_token: privyToken, app_id: audience, verification_key: pem });
// An identity token by the same recipe: linked_accounts a JSON string (what Privy's SDK parses), an email account,
// then an ethers wallet as an external wallet.
const linked = Wallet.createRandom();
const identityToken = await new SignJWT({
  linked_accounts: JSON.stringify([
    { type: 'email', address: 'alice@example.com', lv: now },
    { type: 'wallet', address: linked.address, chain_type: 'ethereum', wallet_client_type: 'metamask', lv: now },
  ]),
  custom_metadata: '{}',
  cr: String(now - 86400),
})
  .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
  .setIssuer('privy.io')
  .setIssuedAt()
  .setAudience(audience)
  .setSubject(`did:privy:${randomBytes(12).toString('hex')}`)
  .setExpirationTime('1h')
  .sign(privateKey);
await verifyIdentityToken({ identity_token: identityToken, app_id: audience, verification_key: pem });
const privy = [
  { name: 'privy mock-jwt recipe', token: privyToken, pem, audience },
  { name: 'privy identity recipe', token: identityToken, pem, audience, address: linked.address },
];

process.stdout.write(JSON.stringify({ magic, privy }) + '\n');
