// The backend the providers' guides tell users to write, for the service load test (bench/load): Express with
// `express.json()` (the Sequence guide's `app.post(...)`, the Web3Auth guide's `req.body.appPubKey` and
// `res.status(200).json(...)`), one `jose.createRemoteJWKSet(new URL(jwksUrl))` made at start, and per request
// `jose.jwtVerify(idToken, jwks, { algorithms: ['ES256'], issuer, audience })` followed by the Web3Auth guide's wallet
// check: the client's app public key compared, lower-cased, with the token's wallet `public_key`.
//
// Two differences from the guides' snippets, both in the backend's favour or neutral, and said in the report:
// - The Web3Auth snippet passes only `algorithms`; `issuer` and `audience` are added (as the Sequence guide does),
//   since all Web3Auth projects share one signing key and a backend that skips `aud` accepts any project's token.
// - The snippet compares `wallets[0]`; current Web3Auth tokens (and the load test's, walletgate-testkit's shape) may
//   put an ed25519 key first, so the same comparison is made against the token's secp256k1 `wallets[]` entry.
// Single process, as the guides run it; `--workers N` runs N processes behind node:cluster (a labelled extra row).
//
// Endpoints, shaped like WalletGate's so that the same wrk scripts drive both:
//   POST /v1/verify  body {"token", "appPubKey"} (or the token as `Authorization: Bearer`, as the Web3Auth guide
//                    sends it): 200 {"name":"Verification Successful", …}, 400 wallet mismatch, 401 invalid token
//   GET  /v1/auth    `Authorization: Bearer <token>` and `X-WalletGate-App-Pub-Key`: 200 with X-WalletGate-Subject,
//                    -Wallet, -Email headers, else 401. There is no session: the guides' backends keep none.
//   GET  /healthz    200
//
// Usage: node seed-backend.mjs --port N --jwks-url URL --issuer ISS --audience AUD [--workers N]

import cluster from 'node:cluster';
import express from 'express';
import * as jose from 'jose';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const PORT = Number(option('--port', '0'));
const JWKS_URL = option('--jwks-url');
const ISSUER = option('--issuer');
const AUDIENCE = option('--audience');
const WORKERS = Number(option('--workers', '1'));
if (!JWKS_URL || !ISSUER || !AUDIENCE || !(WORKERS >= 1)) {
    console.error('usage: node seed-backend.mjs --port N --jwks-url URL --issuer ISS --audience AUD [--workers N]');
    process.exit(2);
}

if (WORKERS > 1 && cluster.isPrimary) {
    for (let i = 0; i < WORKERS; i++) cluster.fork();
    let listening = 0;
    cluster.on('listening', () => {
        if (++listening === WORKERS) console.log(`seed backend listening on 127.0.0.1:${PORT} (${WORKERS} workers)`);
    });
    cluster.on('exit', (worker, code, signal) => {
        console.error(`seed backend worker ${worker.process.pid} exited (${signal ?? code})`);
        process.exit(1);
    });
    const stop = () => {
        for (const w of Object.values(cluster.workers)) w.kill();
        process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
} else {
    serve();
}

function serve() {
    // Get the JWK set used to sign the JWT issued by Web3Auth (once: jose caches it and refetches on an unknown kid).
    const jwks = jose.createRemoteJWKSet(new URL(JWKS_URL));

    async function verifyIdToken(idToken, appPubKey) {
        const jwtDecoded = await jose.jwtVerify(idToken, jwks, {
            algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE,
        });
        const wallets = Array.isArray(jwtDecoded.payload.wallets) ? jwtDecoded.payload.wallets : [];
        const wallet = wallets.find((w) => w?.curve === 'secp256k1') ?? wallets[0];
        // Checking `app_pub_key` against the decoded JWT wallet's public_key
        const verified = typeof appPubKey === 'string' && typeof wallet?.public_key === 'string'
            && wallet.public_key.toLowerCase() === appPubKey.toLowerCase();
        return { payload: jwtDecoded.payload, wallet, verified };
    }

    const bearer = (req) => req.headers.authorization?.split(' ')[1];
    const app = express();
    app.use(express.json());

    app.post('/v1/verify', async (req, res) => {
        const idToken = req.body?.token ?? bearer(req);
        if (typeof idToken !== 'string') {
            res.status(400).json({ error: 'Missing token' });
            return;
        }
        try {
            const { payload, wallet, verified } = await verifyIdToken(idToken, req.body?.appPubKey);
            if (verified) {
                res.status(200).json({ name: 'Verification Successful', userId: payload.userId,
                    email: payload.email, publicKey: wallet.public_key });
            } else {
                res.status(400).json({ name: 'Verification Failed' });
            }
        } catch {
            res.status(401).json({ error: 'Invalid wallet token' });
        }
    });

    app.get('/v1/auth', async (req, res) => {
        const idToken = bearer(req);
        try {
            if (typeof idToken !== 'string') throw new Error('no token');
            const { payload, wallet, verified } = await verifyIdToken(idToken, req.headers['x-walletgate-app-pub-key']);
            if (!verified) throw new Error('wallet mismatch');
            res.set({ 'X-WalletGate-Subject': payload.userId, 'X-WalletGate-Wallet': wallet.public_key,
                'X-WalletGate-Email': payload.email, 'Cache-Control': 'no-store' });
            res.status(200).end();
        } catch {
            res.set('WWW-Authenticate', 'Bearer realm="seed"');
            res.status(401).end();
        }
    });

    app.get('/healthz', (req, res) => res.json({ status: 'ok' }));

    const server = app.listen(PORT, '127.0.0.1', () => {
        if (cluster.isPrimary) console.log(`seed backend listening on 127.0.0.1:${server.address().port}`);
    });
    process.on('SIGTERM', () => process.exit(0));
}
