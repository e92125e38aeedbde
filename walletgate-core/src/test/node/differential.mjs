// The Node jose side of WalletGate's differential test (io.walletgate.fuzz.DifferentialTest).
//
//   node differential.mjs CASES.json VERDICTS.json
//
// CASES.json: {"cases":[{"id","token","issuer":[...],"audience","algorithms":[...],"jwks":{...},"now","clockTolerance"}]}
// Each token is verified the way every provider's sample code does it: jose's jwtVerify against a local JWKS, with
// the issuer, audience and algorithm list of the case, "exp" required, at the case's fixed time. VERDICTS.json gets
// {"jose": version, "verdicts": {id: {"valid": bool, "code": jose error code or null, "message": ...}}}.
// Nothing here needs the network; exits non-zero only when the input cannot be read.

import { readFileSync, writeFileSync } from 'node:fs';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
    console.error('usage: node differential.mjs CASES.json VERDICTS.json');
    process.exit(2);
}
const JOSE_VERSION = JSON.parse(readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8'))
    .version;
const { cases } = JSON.parse(readFileSync(input, 'utf8'));

const verdicts = {};
for (const c of cases) {
    try {
        const jwks = createLocalJWKSet(c.jwks);
        await jwtVerify(c.token, jwks, {
            issuer: c.issuer,
            audience: c.audience,
            algorithms: c.algorithms,
            requiredClaims: ['exp'],
            currentDate: new Date(c.now * 1000),
            clockTolerance: c.clockTolerance,
        });
        verdicts[c.id] = { valid: true, code: null, message: null };
    } catch (e) {
        verdicts[c.id] = { valid: false, code: e.code ?? e.name, message: String(e.message).slice(0, 200) };
    }
}
writeFileSync(output, JSON.stringify({ jose: JOSE_VERSION, verdicts }, null, 1) + '\n');
console.log(`[differential] jose ${JOSE_VERSION}: ${Object.values(verdicts).filter((v) => v.valid).length} of `
    + `${cases.length} tokens valid`);
