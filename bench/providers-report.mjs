// The provider rows of docs/benchmarks.md (bench/run's providers step): WalletGate's ProviderBench (JMH, JDK 17)
// beside each provider's own Node SDK on the same tokens, spliced into the page the last full run wrote, before
// "## Method". bench/report.mjs keeps this section when it rewrites the page (keptSection).
//
// Usage: node bench/providers-report.mjs OUT_DIR docs/benchmarks.md
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const HEADING = '### Embedded-wallet providers (Privy, Dynamic, Para, Magic)';

/** The section as a page holds it (up to the next heading), or ''. */
export function keptSection(page) {
    const start = page.indexOf(HEADING);
    if (start < 0) {
        return '';
    }
    const next = page.slice(start + HEADING.length).search(/\n#{2,3} /);
    return page.slice(start, next < 0 ? page.length : start + HEADING.length + next + 1).trimEnd() + '\n';
}

const SDK = {
    privy: '`@privy-io/node` `verifyIdentityToken` (PEM verification key)',
    dynamic: '`@dynamic-labs/passport-dynamic` (jsonwebtoken, PEM) + the `user:basic` check',
    para: 'the documents\' `jose` `jwtVerify` recipe (key imported once; Para\'s SDK verifies online only)',
    magic: '`@magic-sdk/admin` `token.validate`',
};
const num = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '—');

function section(outDir) {
    const read = (name) => JSON.parse(readFileSync(join(outDir, name), 'utf8'));
    const jmh = read('jmh-jdk17.json');
    const node = read('providers-node.json');
    const e = process.env;
    const rows = ['| profile | WalletGate, CPU µs/op | wall µs/op | provider\'s Node SDK | CPU µs/op | wall µs/op |'
        + ' SDK ÷ WalletGate (CPU) |', '| --- | --- | --- | --- | --- | --- | --- |'];
    for (const profile of ['privy', 'dynamic', 'para', 'magic']) {
        const r = jmh.find((b) => b.params?.profile === profile);
        const n = node.results[profile];
        const cpu = r?.secondaryMetrics?.['cpu.time'];
        rows.push(`| \`${profile}\` | ${num(cpu?.score)} ± ${num(cpu?.scoreError)} | ${num(r?.primaryMetric.score)} ±`
            + ` ${num(r?.primaryMetric.scoreError)} | ${SDK[profile]} | ${num(n?.cpu.mean)} ± ${num(n?.cpu.error)} |`
            + ` ${num(n?.wall.mean)} ± ${num(n?.wall.error)} | ${num(n?.cpu.mean / cpu?.score)}× |`);
    }
    const versions = Object.entries(node.versions).map(([k, v]) => `${k} ${v}`).join(', ');
    return [HEADING, '',
        `Measured ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`BENCH_STEPS="build providers" bench/run\`,`
        + ` commit ${e.PROVIDERS_COMMIT ?? 'unknown'}, JDK 17, Node ${node.node} (${versions}); load average`
        + ` ${e.PROVIDERS_LOAD_START ?? '?'} at start, ${e.PROVIDERS_LOAD_END ?? '?'} at the end. **The machine was`
        + ' shared with other jobs during this run: read the ratios of one row (both sides measured minutes apart on'
        + ' the same machine), not the absolute figures.**', '',
        'A new token each operation (the verified-token cache off; a pool of 256 distinct tokens and wallets per'
        + ' provider, minted by the testkit in each provider\'s shape, `ProviderFixtures`), keys held (the dashboard\'s'
        + ' PEM; Magic has none). WalletGate\'s row is `WalletVerifier.verify(token, WalletProof.address(…))`: the'
        + ' signature (or Magic\'s secp256k1 signer recovery), the claims, the provider\'s wallet list and the client\'s'
        + ' address matched against it, the identity. The SDKs check the token only: none proves the client\'s wallet.'
        + ' Node rows: `walletgate-testkit/src/test/node-providers/bench.mjs` (the interop harness\'s pinned packages),'
        + ' one verification at a time, awaited, 2 s warm-up and 3 rounds of 1 s; ± as JMH computes it.', '',
        ...rows, ''].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    const [outDir, target] = process.argv.slice(2);
    if (!outDir || !target) {
        console.error('usage: providers-report.mjs OUT_DIR OUTPUT.md');
        process.exit(2);
    }
    const page = existsSync(target) ? readFileSync(target, 'utf8') : '';
    const old = keptSection(page);
    const at = old ? page.indexOf(HEADING) : page.indexOf('## Method');
    const rest = old ? page.slice(at + old.length) : page.slice(at);
    writeFileSync(target, page.slice(0, at) + section(outDir) + '\n' + rest.replace(/^\n+/, ''));
    console.log(`wrote the provider section of ${target}`);
}
