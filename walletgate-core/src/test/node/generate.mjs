// Mints provider-shaped ID tokens with panva/jose and writes ../resources/jose/fixtures.json for the Java tests.
//
// Keys are random on every run, so tokens change; the file's shape (issuers, case names, expectations) does not.
// Every case is also checked here with jose's own jwtVerify: "valid" cases and cases rejected only by a WalletGate
// profile rule (wallet, claim) must verify; every other case must fail with the jose error code noted beside it.
// Nothing here needs the network.

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
    EmbeddedJWK, SignJWT, calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify,
} from 'jose';

const OUTPUT = fileURLToPath(new URL('../resources/jose/fixtures.json', import.meta.url));
const JOSE_VERSION = JSON.parse(readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8'))
    .version;

/** The instant (epoch seconds) at which the Java tests verify; every iat/exp/nbf is relative to it. */
const NOW = 1760000000;
const IAT = NOW - 60;
const EXP = NOW + 3600;

const EIP55_ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const WEB3AUTH_CLIENT_ID =
    'BPi5PB_UiIZ-cPz1GtV5i1I2iOSOHuimiXBI0e-Oe_u6X3oVAbCiAZOTEBtTXw4tsluTITPqA8zMsfxIKMjiqNQ';
const WEB3AUTH_LEGACY_CLIENT_ID =
    'BBIWmS3zu9yrl_S7I5iqNveoO_3HdvL-DsnrazwMOPoe-SdJsE-EZiNs1Cv9_C34bWcWY8f0ebUHe2ZvbaUw6o4';

// ---------------------------------------------------------------------------------------------------------------
// Encoding helpers

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');
const b64uJson = (value) => b64u(JSON.stringify(value));

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 with the Bitcoin alphabet (Solana addresses): leading zero bytes become '1'. */
function base58(bytes) {
    const buf = Buffer.from(bytes);
    let n = buf.length === 0 ? 0n : BigInt('0x' + buf.toString('hex'));
    let out = '';
    while (n > 0n) {
        out = BASE58_ALPHABET[Number(n % 58n)] + out;
        n /= 58n;
    }
    for (const b of buf) {
        if (b !== 0) break;
        out = '1' + out;
    }
    return out;
}

function assert(condition, message) {
    if (!condition) throw new Error('assertion failed: ' + message);
}

assert(base58(Buffer.from('Hello World!')) === '2NEpo7TZRRrLZSi2U', 'base58 vector 1');
assert(base58(Buffer.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd])) === '11233QC4', 'base58 vector with leading zeros');

// ---------------------------------------------------------------------------------------------------------------
// Wallet keys (what the client holds)

/** A fresh secp256k1 public key as compressed SEC1 hex (66 chars, 02/03 prefix). */
function secp256k1PublicKeyHex() {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const { x, y } = publicKey.export({ format: 'jwk' });
    const xb = Buffer.from(x, 'base64url');
    const yb = Buffer.from(y, 'base64url');
    assert(xb.length === 32 && yb.length === 32, 'secp256k1 coordinates are 32 bytes');
    const hex = ((yb[31] & 1) === 0 ? '02' : '03') + xb.toString('hex');
    assert(/^0[23][0-9a-f]{64}$/.test(hex), 'compressed secp256k1 hex');
    return hex;
}

/** A fresh Ed25519 public key as its 32 raw bytes. */
function ed25519PublicKeyBytes() {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
    assert(raw.length === 32, 'ed25519 key is 32 bytes');
    return raw;
}

// ---------------------------------------------------------------------------------------------------------------
// Issuer signing keys

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

function generateSigningKeyPair(alg) {
    switch (alg) {
        case 'ES256':
            return generateKeyPairSync('ec', { namedCurve: 'P-256' });
        case 'ES384':
            return generateKeyPairSync('ec', { namedCurve: 'P-384' });
        case 'EdDSA':
            return generateKeyPairSync('ed25519');
        case 'RS256':
        case 'PS256':
            return generateKeyPairSync('rsa', { modulusLength: 2048 });
        default:
            throw new Error('unsupported alg ' + alg);
    }
}

/**
 * A signing key: the private KeyObject, and its public JWK with a kid (a RFC 7638 thumbprint when kid is null) and,
 * when withAlgUse, the alg and use members.
 */
async function signingKey(alg, kid, withAlgUse) {
    const { publicKey, privateKey } = generateSigningKeyPair(alg);
    const exported = publicKey.export({ format: 'jwk' });
    const publicJwk = { ...exported, kid: kid ?? (await calculateJwkThumbprint(exported)) };
    if (withAlgUse) {
        publicJwk.alg = alg;
        publicJwk.use = 'sig';
    }
    for (const member of PRIVATE_JWK_MEMBERS) assert(!(member in publicJwk), 'no private member ' + member);
    return { alg, kid: publicJwk.kid, privateKey, publicJwk };
}

// ---------------------------------------------------------------------------------------------------------------
// Issuers. `acceptedIss` and `alg` are used only by the self-check here; the fixture gets profile/iss/audience/jwks.

const issuerSpecs = [
    // key, profile, iss, audience, alg, kids (null = thumbprint), alg/use members in the JWKS, other accepted iss
    ['web3auth', 'web3auth', 'https://api-auth.web3auth.io', WEB3AUTH_CLIENT_ID, 'ES256', [null], true, []],
    ['web3auth-legacy', 'web3auth-legacy', 'https://api.openlogin.com', WEB3AUTH_LEGACY_CLIENT_ID, 'ES256', [null],
        false, ['https://api.openlogin.com/']],
    ['web3auth-external', 'web3auth-external', 'https://authjs.web3auth.io', 'example.com', 'ES256', [null], true,
        ['metamask']],
    ['sequence-oms', 'sequence-oms', 'http://127.0.0.1:8545/oms/v1', 'proj_123', 'ES256', ['oms-2025-1'], true, []],
    ['sequence-waas', 'sequence-waas', 'https://waas.sequence.app', 'https://sequence.build/project/42', 'RS256',
        ['waas-rsa-1'], true, []],
    ['nopwd', 'nopwd', 'nopwd.io', 'mywebsite.com', 'ES256', ['nopwd-2025-09', 'nopwd-2025-10'], false, []],
    ['oidc-eddsa', 'oidc', 'https://login.example.com', 'api', 'EdDSA', ['eddsa-1'], true, []],
    ['oidc-es384', 'oidc', 'https://es384.example.com', 'api', 'ES384', ['es384-1'], false, []],
    ['oidc-ps256', 'oidc', 'https://ps256.example.com', 'api', 'PS256', ['ps256-1'], true, []],
];

const issuers = {};
for (const [key, profile, iss, audience, alg, kids, withAlgUse, otherIss] of issuerSpecs) {
    const keys = [];
    for (const kid of kids) keys.push(await signingKey(alg, kid, withAlgUse));
    issuers[key] = { key, profile, iss, audience, alg, keys, acceptedIss: [iss, ...otherIss] };
}

// ---------------------------------------------------------------------------------------------------------------
// Token minting

/** A token signed by jose with header {alg, typ: "JWT", kid, ...extraHeader}. */
async function mint(signer, payload, { extraHeader = {}, signOptions } = {}) {
    return new SignJWT(payload)
        .setProtectedHeader({ alg: signer.alg, typ: 'JWT', kid: signer.kid, ...extraHeader })
        .sign(signer.privateKey, signOptions);
}

/** Flips the lowest bit of one byte inside the signature (index 40: inside s for ES256, inside S for EdDSA). */
function tamperSignature(token) {
    const [header, payload, signature] = token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[40] ^= 0x01;
    return `${header}.${payload}.${b64u(bytes)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Claim shapes

const web3auth = issuers['web3auth'];
const legacy = issuers['web3auth-legacy'];
const external = issuers['web3auth-external'];
const oms = issuers['sequence-oms'];
const waas = issuers['sequence-waas'];
const nopwd = issuers['nopwd'];

const appSecp256k1 = secp256k1PublicKeyHex();
const appEd25519 = ed25519PublicKeyBytes();
const appEd25519Hex = appEd25519.toString('hex');
const thresholdSecp256k1 = secp256k1PublicKeyHex();
const otherSecp256k1 = secp256k1PublicKeyHex();
const solanaAddress = base58(ed25519PublicKeyBytes());

function web3authSocialClaims(overrides = {}) {
    return {
        iat: IAT,
        aud: web3auth.audience,
        nonce: randomBytes(32).toString('hex'),
        iss: web3auth.iss,
        wallets: [
            { public_key: appSecp256k1, type: 'web3auth_app_key', curve: 'secp256k1' },
            { public_key: appEd25519Hex, type: 'web3auth_app_key', curve: 'ed25519' },
        ],
        email: 'alice@example.com',
        name: 'Alice Example',
        profileImage: 'https://lh3.googleusercontent.com/a/alice=s96-c',
        authConnection: 'web3auth',
        userId: 'alice@example.com',
        groupedAuthConnectionId: 'web3auth-google-sapphire-mainnet',
        exp: EXP,
        ...overrides,
    };
}

function web3authLegacyClaims(iss) {
    return {
        iat: IAT,
        aud: legacy.audience,
        iss,
        wallets: [{ public_key: appSecp256k1, type: 'web3auth_key', curve: 'secp256k1' }],
        email: 'bob@example.com',
        name: 'Bob Example',
        verifier: 'torus',
        verifierId: 'bob@example.com',
        aggregateVerifier: 'tkey-google-lrc',
        exp: EXP,
    };
}

function externalClaims(iss, wallet) {
    return { iat: IAT, aud: external.audience, iss, wallets: [wallet], exp: EXP };
}

/** OMS claims; an override of undefined removes the claim. */
function omsClaims(overrides = {}) {
    const claims = {
        iss: oms.iss,
        aud: oms.audience,
        sub: 'wlt_01HXYZ',
        wallet_address: EIP55_ADDRESS,
        wallet_type: 'ethereum',
        email: 'carol@example.com',
        iat: IAT,
        exp: IAT + 300,
        ...overrides,
    };
    for (const [name, value] of Object.entries(claims)) {
        if (value === undefined) delete claims[name];
    }
    return claims;
}

const waasClaims = () => ({ iss: waas.iss, aud: waas.audience, sub: EIP55_ADDRESS, iat: IAT, exp: EXP });

const nopwdClaims = () => ({
    iss: nopwd.iss,
    aud: nopwd.audience,
    sub: 'dave@example.com',
    jti: randomUUID(),
    amr: ['email'],
    iat: IAT,
    exp: EXP,
});

const oidcClaims = (issuer) => ({
    iss: issuer.iss,
    aud: issuer.audience,
    sub: 'user-1',
    email: 'eve@example.com',
    iat: IAT,
    exp: EXP,
});

// ---------------------------------------------------------------------------------------------------------------
// Cases. `jose` is what jose's jwtVerify must say with the issuer's JWKS: null = it verifies (the case is valid, or
// only a WalletGate profile rule rejects it), else the jose error code it must fail with.

const cases = [];

function addCase(name, issuer, token, { appPubKey = null, address = null, expect, subject = null, wallet = null,
    jose = null }) {
    cases.push({ fixture: { name, issuer: issuer.key, token, appPubKey, address, expect, subject, wallet },
        issuer, jose });
}

// web3auth: valid
const web3authToken = await mint(web3auth.keys[0], web3authSocialClaims());
addCase('web3auth-valid-secp256k1-app-key', web3auth, web3authToken,
    { appPubKey: appSecp256k1, expect: 'valid', subject: 'alice@example.com' });
addCase('web3auth-valid-ed25519-app-key', web3auth, web3authToken,
    { appPubKey: appEd25519Hex, expect: 'valid', subject: 'alice@example.com', wallet: base58(appEd25519) });

const fourWalletsToken = await mint(web3auth.keys[0], web3authSocialClaims({
    wallets: [
        { public_key: thresholdSecp256k1, type: 'web3auth_threshold_key', curve: 'secp256k1' },
        { public_key: '', type: 'web3auth_threshold_key', curve: 'ed25519' },
        { public_key: appEd25519Hex, type: 'web3auth_app_key', curve: 'ed25519' },
        { public_key: appSecp256k1, type: 'web3auth_app_key', curve: 'secp256k1' },
    ],
}));
addCase('web3auth-valid-four-wallets-app-key-last', web3auth, fourWalletsToken,
    { appPubKey: appSecp256k1, expect: 'valid', subject: 'alice@example.com' });
addCase('web3auth-valid-four-wallets-ed25519-app-key', web3auth, fourWalletsToken,
    { appPubKey: appEd25519Hex, expect: 'valid', subject: 'alice@example.com', wallet: base58(appEd25519) });

// web3auth: invalid
addCase('web3auth-expired', web3auth,
    await mint(web3auth.keys[0], web3authSocialClaims({ iat: NOW - 7200, exp: NOW - 3600 })),
    { appPubKey: appSecp256k1, expect: 'token_expired', jose: 'ERR_JWT_EXPIRED' });
addCase('web3auth-not-yet-valid', web3auth,
    await mint(web3auth.keys[0], web3authSocialClaims({ nbf: NOW + 3600 })),
    { appPubKey: appSecp256k1, expect: 'token_not_yet_valid', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
addCase('web3auth-audience-mismatch', web3auth,
    await mint(web3auth.keys[0], web3authSocialClaims({ aud: 'someone-else' })),
    { appPubKey: appSecp256k1, expect: 'audience_mismatch', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
addCase('web3auth-signature-bit-flipped', web3auth, tamperSignature(web3authToken),
    { appPubKey: appSecp256k1, expect: 'signature_invalid', jose: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });

const impostor = await signingKey('ES256', 'impostor', false);
addCase('web3auth-signed-by-other-key-with-published-kid', web3auth,
    await mint({ ...impostor, kid: web3auth.keys[0].kid }, web3authSocialClaims()),
    { appPubKey: appSecp256k1, expect: 'signature_invalid', jose: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });

addCase('web3auth-unknown-kid', web3auth,
    await mint({ ...web3auth.keys[0], kid: 'unknown-kid' }, web3authSocialClaims()),
    { appPubKey: appSecp256k1, expect: 'key_not_found', jose: 'ERR_JWKS_NO_MATCHING_KEY' });

addCase('web3auth-hs256', web3auth,
    await mint({ alg: 'HS256', kid: web3auth.keys[0].kid, privateKey: randomBytes(32) }, web3authSocialClaims()),
    { appPubKey: appSecp256k1, expect: 'alg_not_allowed', jose: 'ERR_JOSE_ALG_NOT_ALLOWED' });

// jose will not produce an unsecured JWS, so it is assembled by hand: header.payload. (empty signature).
addCase('web3auth-alg-none', web3auth,
    `${b64uJson({ alg: 'none', typ: 'JWT' })}.${b64uJson(web3authSocialClaims())}.`,
    { appPubKey: appSecp256k1, expect: 'alg_not_allowed', jose: 'ERR_JOSE_ALG_NOT_ALLOWED' });

// The attacker signs with their own key, embeds its public JWK and names the published kid.
const attacker = await signingKey('ES256', 'attacker', false);
const attackerJwk = { kty: attacker.publicJwk.kty, crv: attacker.publicJwk.crv, x: attacker.publicJwk.x,
    y: attacker.publicJwk.y };
addCase('web3auth-embedded-jwk-header', web3auth,
    await mint({ ...attacker, kid: web3auth.keys[0].kid }, web3authSocialClaims(),
        { extraHeader: { jwk: attackerJwk } }),
    { appPubKey: appSecp256k1, expect: 'header_invalid', jose: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });

// A header parameter marked critical that no verifier understands; signed by the published key.
addCase('web3auth-crit-exp-header', web3auth,
    await mint(web3auth.keys[0], web3authSocialClaims(),
        { extraHeader: { crit: ['exp'], exp: EXP }, signOptions: { crit: { exp: true } } }),
    { appPubKey: appSecp256k1, expect: 'header_invalid', jose: 'ERR_JOSE_NOT_SUPPORTED' });

addCase('web3auth-app-key-of-another-wallet', web3auth, web3authToken,
    { appPubKey: otherSecp256k1, expect: 'wallet_mismatch' });
addCase('web3auth-four-wallets-threshold-key-as-app-key', web3auth, fourWalletsToken,
    { appPubKey: thresholdSecp256k1, expect: 'wallet_mismatch' });
addCase('web3auth-malformed-app-key', web3auth, web3authToken,
    { appPubKey: '0xnot-a-key', expect: 'wallet_proof_invalid' });
addCase('web3auth-unknown-issuer', web3auth,
    await mint(web3auth.keys[0], web3authSocialClaims({ iss: 'https://evil.example' })),
    { appPubKey: appSecp256k1, expect: 'issuer_unknown', jose: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });

// web3auth-legacy
addCase('web3auth-legacy-valid', legacy, await mint(legacy.keys[0], web3authLegacyClaims(legacy.iss)),
    { appPubKey: appSecp256k1, expect: 'valid', subject: 'bob@example.com' });
addCase('web3auth-legacy-valid-iss-trailing-slash', legacy,
    await mint(legacy.keys[0], web3authLegacyClaims(legacy.iss + '/')),
    { appPubKey: appSecp256k1, expect: 'valid', subject: 'bob@example.com' });

// web3auth-external
const ethereumWallet = { address: EIP55_ADDRESS, type: 'ethereum' };
addCase('web3auth-external-valid-ethereum-lowercase-address', external,
    await mint(external.keys[0], externalClaims(external.iss, ethereumWallet)),
    { address: EIP55_ADDRESS.toLowerCase(), expect: 'valid', wallet: EIP55_ADDRESS });
addCase('web3auth-external-valid-metamask-iss', external,
    await mint(external.keys[0], externalClaims('metamask', ethereumWallet)),
    { address: EIP55_ADDRESS, expect: 'valid', wallet: EIP55_ADDRESS });
addCase('web3auth-external-valid-solana', external,
    await mint(external.keys[0], externalClaims(external.iss, { address: solanaAddress, type: 'solana' })),
    { address: solanaAddress, expect: 'valid', wallet: solanaAddress });
addCase('web3auth-external-address-mismatch', external,
    await mint(external.keys[0], externalClaims(external.iss, ethereumWallet)),
    { address: '0x0000000000000000000000000000000000000001', expect: 'wallet_mismatch' });

// sequence-oms
addCase('sequence-oms-valid', oms, await mint(oms.keys[0], omsClaims()),
    { expect: 'valid', subject: 'wlt_01HXYZ', wallet: EIP55_ADDRESS });
addCase('sequence-oms-valid-with-address', oms, await mint(oms.keys[0], omsClaims()),
    { address: EIP55_ADDRESS, expect: 'valid', subject: 'wlt_01HXYZ', wallet: EIP55_ADDRESS });
addCase('sequence-oms-valid-audience-array', oms, await mint(oms.keys[0], omsClaims({ aud: ['other', oms.audience] })),
    { expect: 'valid', subject: 'wlt_01HXYZ', wallet: EIP55_ADDRESS });
addCase('sequence-oms-wallet-type-solana', oms, await mint(oms.keys[0], omsClaims({ wallet_type: 'solana' })),
    { expect: 'claim_invalid' });
addCase('sequence-oms-wallet-address-short', oms, await mint(oms.keys[0], omsClaims({ wallet_address: '0x1234' })),
    { expect: 'claim_invalid' });
addCase('sequence-oms-sub-missing', oms, await mint(oms.keys[0], omsClaims({ sub: undefined })),
    { expect: 'claim_missing' });

// sequence-waas
addCase('sequence-waas-valid', waas, await mint(waas.keys[0], waasClaims()),
    { expect: 'valid', subject: EIP55_ADDRESS, wallet: EIP55_ADDRESS });
addCase('sequence-waas-es256-signed-by-oms-key', waas, await mint(oms.keys[0], waasClaims()),
    { expect: 'alg_not_allowed', jose: 'ERR_JOSE_ALG_NOT_ALLOWED' });

// nopwd: one valid token per key of the rotating set
addCase('nopwd-valid-first-key', nopwd, await mint(nopwd.keys[0], nopwdClaims()),
    { expect: 'valid', subject: 'dave@example.com' });
addCase('nopwd-valid-second-key', nopwd, await mint(nopwd.keys[1], nopwdClaims()),
    { expect: 'valid', subject: 'dave@example.com' });

// oidc
for (const key of ['oidc-eddsa', 'oidc-es384', 'oidc-ps256']) {
    const issuer = issuers[key];
    addCase(`${key}-valid`, issuer, await mint(issuer.keys[0], oidcClaims(issuer)),
        { expect: 'valid', subject: 'user-1' });
}
const eddsa = issuers['oidc-eddsa'];
addCase('oidc-eddsa-signature-bit-flipped', eddsa, tamperSignature(await mint(eddsa.keys[0], oidcClaims(eddsa))),
    { expect: 'signature_invalid', jose: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });

// ---------------------------------------------------------------------------------------------------------------
// Self-check with jose, then write the file

const currentDate = new Date(NOW * 1000);
const failures = [];
const names = new Set();
for (const { fixture, issuer, jose } of cases) {
    assert(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(fixture.name), 'kebab-case name ' + fixture.name);
    assert(!names.has(fixture.name), 'unique name ' + fixture.name);
    names.add(fixture.name);
    assert(fixture.token.split('.').length === 3, 'compact JWS ' + fixture.name);

    let actual = null;
    try {
        await jwtVerify(fixture.token, createLocalJWKSet({ keys: issuer.keys.map((k) => k.publicJwk) }), {
            issuer: issuer.acceptedIss,
            audience: issuer.audience,
            algorithms: [issuer.alg],
            currentDate,
        });
    } catch (e) {
        actual = e.code ?? String(e);
    }
    if (actual !== jose) {
        failures.push(`${fixture.name}: jose expected ${jose ?? 'success'}, got ${actual ?? 'success'}`);
    }
    if (fixture.expect === 'valid' && actual !== null) failures.push(`${fixture.name}: valid case does not verify`);
}
assert(decodeProtectedHeader(cases[0].fixture.token).typ === 'JWT', 'typ JWT');

// The two header_invalid tokens are otherwise sound: only the header rule may reject them.
const tokenOf = (name) => cases.find((c) => c.fixture.name === name).fixture.token;
const web3authCheck = { issuer: web3auth.iss, audience: web3auth.audience, algorithms: ['ES256'], currentDate };
await jwtVerify(tokenOf('web3auth-embedded-jwk-header'), EmbeddedJWK, web3authCheck)
    .catch((e) => failures.push(`web3auth-embedded-jwk-header: does not verify with its embedded jwk: ${e.code}`));
await jwtVerify(tokenOf('web3auth-crit-exp-header'), createLocalJWKSet({ keys: [web3auth.keys[0].publicJwk] }),
    { ...web3authCheck, crit: { exp: true } })
    .catch((e) => failures.push(`web3auth-crit-exp-header: does not verify when exp is understood: ${e.code}`));
if (failures.length > 0) {
    console.error('jose self-check FAILED:\n  ' + failures.join('\n  '));
    process.exit(1);
}

const fixtures = {
    generator: `jose ${JOSE_VERSION} on node ${process.versions.node}`,
    now: NOW,
    issuers: Object.fromEntries(Object.values(issuers).map((i) => [i.key, {
        profile: i.profile,
        iss: i.iss,
        audience: i.audience,
        jwks: { keys: i.keys.map((k) => k.publicJwk) },
    }])),
    cases: cases.map((c) => c.fixture),
};

const json = JSON.stringify(fixtures, null, 2) + '\n';
for (const member of PRIVATE_JWK_MEMBERS) {
    assert(!json.includes(`"${member}":`), 'no private key member in the output: ' + member);
}
mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, json);

const byExpect = {};
for (const c of cases) byExpect[c.fixture.expect] = (byExpect[c.fixture.expect] ?? 0) + 1;
console.log(`wrote ${OUTPUT}: ${cases.length} cases (${fixtures.generator}); all jose self-checks passed`);
console.log(byExpect);
