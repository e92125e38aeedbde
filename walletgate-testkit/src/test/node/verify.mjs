// Verifies tokens minted by the WalletGate testkit with panva/jose, the library every provider's sample code uses,
// against the running dev issuer's keys over HTTP (createRemoteJWKSet), as each provider's guide does.
//
// Input (stdin): a JSON array of cases
//   {name, token, jwksUri | discovery, issuer, audience, algorithms, expect: "valid" | a jose error code}
// "discovery" is an OIDC discovery URL whose jwks_uri is fetched first, and whose issuer must equal the case's.
// Output (stdout): one JSON line per case: {name, ok, code?, message?, kid?}, ok when the outcome is the expected one.
// Exit status: 0 when every case met its expectation, 1 otherwise, 2 on bad input.

import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, jwtVerify } from 'jose';

async function jwksFor(c) {
    if (!c.discovery) {
        return createRemoteJWKSet(new URL(c.jwksUri));
    }
    const response = await fetch(c.discovery);
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const doc = await response.json();
    if (doc.issuer !== c.issuer) throw new Error(`discovery names issuer ${doc.issuer}, not ${c.issuer}`);
    return createRemoteJWKSet(new URL(doc.jwks_uri));
}

async function check(c) {
    try {
        const { protectedHeader } = await jwtVerify(c.token, await jwksFor(c), {
            issuer: c.issuer,
            audience: c.audience,
            algorithms: c.algorithms,
        });
        return { name: c.name, ok: c.expect === 'valid', code: 'valid', kid: protectedHeader.kid ?? null };
    } catch (e) {
        const code = e.code ?? e.name;
        return { name: c.name, ok: c.expect === code, code, message: e.message };
    }
}

let cases;
try {
    cases = JSON.parse(readFileSync(0, 'utf8'));
    if (!Array.isArray(cases) || cases.length === 0) throw new Error('expected a non-empty JSON array');
} catch (e) {
    console.error(`bad input: ${e.message}`);
    process.exit(2);
}

let failed = 0;
for (const c of cases) {
    const result = await check(c);
    if (!result.ok) failed++;
    console.log(JSON.stringify(result));
}
process.exit(failed === 0 ? 0 : 1);
