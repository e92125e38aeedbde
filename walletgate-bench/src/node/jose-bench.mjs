// Measures panva/jose `jwtVerify` (the library every provider's sample backend uses) on the very tokens the JMH
// suite verifies: io.walletgate.bench.Fixtures writes them, with their JWKS, to tokens.json.
//
// One verification at a time, awaited, as a request handler does: a warm-up, then rounds of fixed length; each
// round gives wall-clock and CPU time (all threads of the process: WebCrypto runs on libuv's pool) per operation.
// Two key sets: createLocalJWKSet over the JWKS (the pure verify), and createRemoteJWKSet against a loopback HTTP
// server, as the Web3Auth and Sequence guides write it (after its first fetch it answers from its cache, so the
// steady state differs from the local set by its bookkeeping only). Beside them, Node's floor: node:crypto's
// synchronous one-shot verify of the same signature (OpenSSL), with nothing around it.
//
// Usage: node jose-bench.mjs TOKENS.json [--warmup-ms 2000] [--rounds 5] [--round-ms 1000] > result.json

import { createPublicKey, verify as cryptoVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify } from 'jose';
import { measurer } from './measure.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
};
const tokensFile = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!tokensFile) {
    console.error('usage: node jose-bench.mjs TOKENS.json [--warmup-ms N] [--rounds N] [--round-ms N]');
    process.exit(2);
}
const WARMUP_MS = option('--warmup-ms', 2000);
const ROUNDS = option('--rounds', 5);
const ROUND_MS = option('--round-ms', 1000);
const REMOTE_SCENARIOS = new Set(['ES256-web3auth', 'ES256-oidc']);
const measure = measurer(WARMUP_MS, ROUNDS, ROUND_MS);

const fixtures = JSON.parse(readFileSync(tokensFile, 'utf8'));
const joseVersion = JSON.parse(readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8'))
    .version;

function serveJwks(jwks) {
    const body = JSON.stringify(jwks);
    const server = http.createServer((req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' });
        res.end(body);
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// node:crypto's one-shot verify of the token's signature: the least Node can spend on it.
function rawVerifier(f) {
    const dot = f.token.lastIndexOf('.');
    const data = Buffer.from(f.token.slice(0, dot), 'ascii');
    const signature = Buffer.from(f.token.slice(dot + 1), 'base64url');
    const key = createPublicKey({ key: f.jwks.keys[0], format: 'jwk' });
    switch (f.alg) {
        case 'ES256':
            return () => cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
        case 'RS256':
            return () => cryptoVerify('sha256', data, key, signature);
        default:
            return () => cryptoVerify(null, data, key, signature);
    }
}

const results = [];
for (const [scenario, f] of Object.entries(fixtures)) {
    const options = { issuer: f.issuer, audience: f.audience, algorithms: [f.alg], clockTolerance: 60,
        requiredClaims: ['exp'] };
    const keySets = [['local', createLocalJWKSet(f.jwks), null]];
    if (REMOTE_SCENARIOS.has(scenario)) {
        const server = await serveJwks(f.jwks);
        const url = new URL(`http://127.0.0.1:${server.address().port}/jwks`);
        keySets.push(['remote', createRemoteJWKSet(url), server]);
    }
    const floor = rawVerifier(f);
    if (!floor()) throw new Error(`${scenario}: node:crypto rejects the signature`);
    const raw = await measure(async () => floor());
    results.push({ scenario, keySet: 'raw', ...raw });
    console.error(`node:crypto raw ${scenario.padEnd(15)} ${raw.wall.mean.toFixed(1).padStart(8)} us/op`);
    for (const [keySet, jwks, server] of keySets) {
        const verifyOnce = () => jwtVerify(f.token, jwks, options);
        const { payload } = await verifyOnce(); // fails loudly if jose rejects the token
        if (payload.iss !== f.issuer) throw new Error(`${scenario}: unexpected iss ${payload.iss}`);
        const m = await measure(verifyOnce);
        results.push({ scenario, keySet, ...m });
        console.error(`jose ${keySet.padEnd(10)} ${scenario.padEnd(15)} ${m.wall.mean.toFixed(1).padStart(8)} us/op`
            + ` (cpu ${m.cpu.mean.toFixed(1)} us/op)`);
        if (server) server.close();
    }
}

console.log(JSON.stringify({
    node: process.version, v8: process.versions.v8, openssl: process.versions.openssl, jose: joseVersion,
    warmupMs: WARMUP_MS, rounds: ROUNDS, roundMs: ROUND_MS, results,
}, null, 2));
