#!/usr/bin/env node
// Rewrites docs/benchmarks.md from the results bench/run left in its output directory:
//   machine.json, jmh-jdk17.json, jmh-jdk25.json (JMH -rf json), node.json (walletgate-bench/src/node),
//   profile-<scenario>.json (bench/jfr-summary.mjs), fixtures/tokens.json (the tokens measured).
// Whatever is missing shows as "—", so a partial run still gives a readable page.
//
// Usage: node bench/report.mjs OUT_DIR docs/benchmarks.md
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, target] = process.argv.slice(2);
if (!outDir || !target) {
    console.error('usage: report.mjs OUT_DIR OUTPUT.md');
    process.exit(2);
}
const read = (name) => {
    const file = join(outDir, name);
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

const machine = read('machine.json') ?? {};
const node = read('node.json');
const tokens = read('fixtures/tokens.json') ?? {};
const JDKS = ['17', '25'];
const jmh = Object.fromEntries(JDKS.map((v) => [v, read(`jmh-jdk${v}.json`) ?? []]));

const SCENARIOS = {
    'ES256-web3auth': 'ES256, Web3Auth-shaped token (two wallets, app-key proof)',
    'ES256-oidc': 'ES256, plain OIDC ID token',
    'RS256-oidc': 'RS256 (2048-bit key), plain OIDC ID token',
    'EdDSA-oidc': 'EdDSA (Ed25519), plain OIDC ID token',
};
const PROVIDERS = { accp: 'ACCP', bc: 'BouncyCastle', jdk: 'JDK default' };
const PROVIDER_DETAIL = {
    accp: 'Amazon Corretto Crypto Provider (native AWS-LC): WalletGate\'s default when it loads',
    bc: 'BouncyCastle (pure Java): WalletGate\'s fallback where ACCP does not load',
    jdk: 'what `Signature.getInstance(alg)` picks: SunEC (ECDSA, Ed25519), SunRsaSign (RSA)',
};

// ---------------------------------------------------------------------------------------------------------------
// Reading JMH results

const SHORT = (b) => b.benchmark.replace(/^io\.walletgate\.bench\./, '').replace(/\.verify$|\.appPublicKey$/, '');

/** The result of one benchmark with the given parameters on one JDK, or null. */
function find(jdk, bench, params = {}) {
    return jmh[jdk].find((r) => SHORT(r) === bench
        && Object.entries(params).every(([k, v]) => r.params?.[k] === v)) ?? null;
}

/** {score, error} (wall clock, JMH's primary result) and {cpu, cpuError} (CpuTimeProfiler), in µs/op. */
function metric(r) {
    if (!r) return null;
    const cpu = r.secondaryMetrics?.['cpu.time'];
    return { score: r.primaryMetric.score, error: r.primaryMetric.scoreError, cpu: cpu ? cpu.score : NaN,
        cpuError: cpu ? cpu.scoreError : NaN };
}

const m = (jdk, bench, params) => metric(find(jdk, bench, params));

// ---------------------------------------------------------------------------------------------------------------
// Formatting

function num(x) {
    if (x == null || !Number.isFinite(x)) return '—';
    if (x < 1) return x.toFixed(3);
    if (x < 10) return x.toFixed(2);
    if (x < 100) return x.toFixed(1);
    return Math.round(x).toLocaleString('en-US');
}
const timing = (v) => (v ? `${num(v.score)} ± ${num(v.error)}` : '—');
const cpu = (v) => (v ? `${num(v.cpu)} ± ${num(v.cpuError)}` : '—');
const ratio = (a, b) => (a && b && b > 0 ? a / b : NaN);
const times = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×` : '—');
const noisy = (v) => v && Number.isFinite(v.error) && v.error > 0.2 * v.score;

function table(header, rows) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

/** The rows of one scenario's table: [label, provider, bench, params]. */
function rowsFor(scenario) {
    const rows = [];
    const es256 = scenario.startsWith('ES256');
    for (const p of ['accp', 'bc', 'jdk']) {
        rows.push([`**WalletGate**, new token${p === 'accp' ? ' (default)' : ''}`, p, 'WalletGateColdBench',
            { scenario, provider: p }]);
    }
    rows.push(['**WalletGate**, new token, everything but the signature (no-op provider)', '—',
        'WalletGateOverheadBench', { scenario }]);
    if (es256) {
        rows.push(['**WalletGate**, verified-token cache hit', '—', 'WalletGateCacheHitBench', { scenario }]);
        for (const [label, bench] of [['Nimbus `DefaultJWTProcessor`', 'NimbusBench'],
            ['jose4j `JwtConsumer`', 'Jose4jBench'], ['auth0 java-jwt `JWTVerifier`', 'Auth0Bench']]) {
            for (const p of ['jdk', 'accp']) rows.push([label, p, bench, { scenario, provider: p }]);
        }
    }
    for (const p of ['accp', 'bc', 'jdk']) {
        rows.push(['raw signature verify (floor)', p, 'SignatureFloorBench', { scenario, provider: p }]);
    }
    return rows;
}

const walletGate = (jdk, scenario) => m(jdk, 'WalletGateColdBench', { scenario, provider: 'accp' });
const floorOf = (jdk, scenario, provider) => m(jdk, 'SignatureFloorBench', { scenario, provider });
const nodeResult = (scenario, keySet) => node?.results.find((r) => r.scenario === scenario && r.keySet === keySet);

function scenarioSection(scenario) {
    const out = [];
    const token = tokens[scenario]?.token;
    out.push(`### ${SCENARIOS[scenario]}`);
    out.push('');
    if (token) out.push(`Token: ${token.length.toLocaleString('en-US')} characters.`);
    out.push('');
    const rows = rowsFor(scenario).map(([label, provider, bench, params]) => {
        const v = JDKS.map((j) => m(j, bench, params));
        const floors = JDKS.map((j) => (provider === '—' ? null : floorOf(j, scenario, provider)));
        const wg = JDKS.map((j) => walletGate(j, scenario));
        const mark = v.some(noisy) ? ' ⚠' : '';
        return [label + mark, provider === '—' ? '—' : PROVIDERS[provider],
            cpu(v[0]), timing(v[0]), cpu(v[1]), timing(v[1]),
            provider === '—' ? '—' : JDKS.map((_, i) => times(ratio(v[i]?.cpu, floors[i]?.cpu))).join(' / '),
            JDKS.map((_, i) => times(ratio(v[i]?.cpu, wg[i]?.cpu))).join(' / ')];
    });
    out.push(table(['implementation', 'provider', 'JDK 17 CPU µs/op', 'JDK 17 wall µs/op', 'JDK 25 CPU µs/op',
        'JDK 25 wall µs/op', '÷ floor of its provider, 17 / 25', '÷ WalletGate default, 17 / 25'], rows));
    out.push('');
    const jose = nodeResult(scenario, 'local');
    const remote = nodeResult(scenario, 'remote');
    const raw = nodeResult(scenario, 'raw');
    if (jose) {
        const wg = JDKS.map((j) => walletGate(j, scenario));
        const both = (r) => `CPU **${num(r.cpu.mean)} ± ${num(r.cpu.error)}** µs/op, wall ${num(r.wall.mean)} ±`
            + ` ${num(r.wall.error)}`;
        const parts = [`\`jwtVerify\` with \`createLocalJWKSet\`: ${both(jose)}`];
        if (remote) {
            parts.push(`with \`createRemoteJWKSet\` (loopback, cached after the first fetch): ${both(remote)}`);
        }
        if (raw) parts.push(`\`node:crypto\` one-shot verify (Node's floor): ${both(raw)}`);
        out.push(`Node ${node.node} (OpenSSL ${node.openssl}), jose ${node.jose}: ${parts.join('; ')}. `
            + `WalletGate's default costs ${times(ratio(wg[0]?.cpu, jose.cpu.mean))} (JDK 17) and `
            + `${times(ratio(wg[1]?.cpu, jose.cpu.mean))} (JDK 25) of \`jwtVerify\`'s CPU time: it is`
            + ` ${times(ratio(jose.cpu.mean, wg[0]?.cpu))} / ${times(ratio(jose.cpu.mean, wg[1]?.cpu))} faster.`);
        out.push('');
    }
    return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Targets

const profiles = Object.fromEntries(Object.keys(SCENARIOS)
    .map((s) => [s, read(`profile-${s}.json`)]).filter(([, p]) => p));

function stageText(scenario, totalMicros) {
    const p = profiles[scenario];
    if (!p) return '';
    const around = p.byStage.filter((s) => s.stage !== 'benchmark harness');
    return around.slice(0, 5).map((s) => `${s.stage} ${s.percent.toFixed(1)} %`
        + (Number.isFinite(totalMicros) ? ` (~${num(totalMicros * s.percent / 100)} µs)` : '')).join(', ');
}

// Targets are judged on CPU time per operation: what a verification costs a core, and far less sensitive than
// wall-clock time to the other processes of a shared machine. Wall-clock ratios are shown beside them.
function targets() {
    const rows = [];
    const why = [];
    const verdict = (ok) => (ok === null ? '—' : ok ? '**met**' : '**missed**');
    const all = (xs) => (xs.some((x) => x === null) ? null : xs.every(Boolean));
    const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—');

    // 1. Full verification within 5 % of the provider's raw signature. Judged on the work around the signature
    // measured directly (the cold path with a no-op signature) against the floor: full = floor + that work, and the
    // direct measurement does not hinge on the difference of two large numbers. The plain ratio is shown beside it.
    for (const scenario of Object.keys(SCENARIOS)) {
        const full = JDKS.map((j) => ratio(walletGate(j, scenario)?.cpu, floorOf(j, scenario, 'accp')?.cpu));
        const over = JDKS.map((j) => m(j, 'WalletGateOverheadBench', { scenario }));
        const share = JDKS.map((j, i) => ratio(over[i]?.cpu, floorOf(j, scenario, 'accp')?.cpu));
        const ok = all(share.map((x) => (Number.isFinite(x) ? x <= 0.05 : null)));
        rows.push([`full verify ≤ 1.05 × raw signature (ACCP), ${scenario}`,
            `around the signature ${num(over[0]?.cpu)} / ${num(over[1]?.cpu)} µs = ${pct(share[0])} /`
            + ` ${pct(share[1])} of the signature; full ÷ floor ${times(full[0])} / ${times(full[1])}`, verdict(ok)]);
        if (ok === false) {
            const floor = JDKS.map((j) => floorOf(j, scenario, 'accp'));
            const stages = stageText(scenario, over[0]?.cpu);
            why.push(`- **${scenario}**: around the signature WalletGate spends ${num(over[0]?.cpu)} µs of CPU on`
                + ` JDK 17 (${num(over[1]?.cpu)} on JDK 25), against ${num(floor[0]?.cpu)} µs`
                + ` (${num(floor[1]?.cpu)}) for the ACCP signature: the budget is ${num(0.05 * floor[0]?.cpu)} µs.`
                + (stages ? ` The JFR profile below puts it in: ${stages}.` : '')
                + (scenario === 'ES256-web3auth' ? ' Most of it is the wallet proof, which none of the peers do:'
                    + ' the client sends its app key as a compressed secp256k1 point, and WalletGate decodes it'
                    + ' (a modular square root on BouncyCastle\'s secp256k1 field) to prove it lies on the curve and'
                    + ' to derive its Ethereum address (Keccak-256 of X||Y, then EIP-55: two more Keccak-256), DESIGN'
                    + ' §3. The token\'s own keys are compared with the proof byte for byte and not decoded; its other'
                    + ' wallets are derived only when read. The plain OIDC token shows what the rest of the pipeline'
                    + ' costs.' : ''));
        }
    }

    // 2. At least 15× Nimbus on JDK 17 defaults.
    for (const scenario of ['ES256-web3auth', 'ES256-oidc']) {
        const nimbus = m('17', 'NimbusBench', { scenario, provider: 'jdk' });
        const wg = walletGate('17', scenario);
        const x = ratio(nimbus?.cpu, wg?.cpu);
        const ok = Number.isFinite(x) ? x >= 15 : null;
        rows.push([`≥ 15 × Nimbus on JDK 17 defaults, ${scenario}`, `${times(x)} (${num(nimbus?.cpu)} against`
            + ` ${num(wg?.cpu)} µs; wall clock ${times(ratio(nimbus?.score, wg?.score))})`, verdict(ok)]);
        if (ok === false) {
            const sunEc = floorOf('17', scenario, 'jdk')?.cpu;
            why.push(`- **Nimbus, ${scenario}**: 15× needs WalletGate at ${num(nimbus.cpu / 15)} µs; JDK 17's SunEC`
                + ` verify alone costs ${num(sunEc)} µs here, so Nimbus is bound by it, and WalletGate's`
                + ` ${num(wg?.cpu)} µs is the ACCP signature (${num(floorOf('17', scenario, 'accp')?.cpu)} µs) and`
                + ' the work around it (first target).');
        }
    }

    // 3. At least 2.5× Node jose.
    for (const scenario of ['ES256-web3auth', 'ES256-oidc']) {
        const jose = nodeResult(scenario, 'local');
        const xc = JDKS.map((j) => ratio(jose?.cpu.mean, walletGate(j, scenario)?.cpu));
        const xw = JDKS.map((j) => ratio(jose?.wall.mean, walletGate(j, scenario)?.score));
        const ok = all(xc.map((v) => (Number.isFinite(v) ? v >= 2.5 : null)));
        rows.push([`≥ 2.5 × Node \`jose\`, ${scenario}`, `${times(xc[0])} / ${times(xc[1])} (wall clock:`
            + ` ${times(xw[0])} / ${times(xw[1])})`, verdict(ok)]);
        if (ok === false && jose) {
            const floor = JDKS.map((j) => floorOf(j, scenario, 'accp')?.cpu);
            const need = jose.cpu.mean / 2.5;
            const raw = nodeResult(scenario, 'raw');
            why.push(`- **Node jose, ${scenario}**: \`jwtVerify\` costs ${num(jose.cpu.mean)} µs of CPU here`
                + (raw ? ` (OpenSSL's own verify through \`node:crypto\`: ${num(raw.cpu.mean)} µs)` : '')
                + `; 2.5× needs WalletGate at ${num(need)} µs. The raw ACCP signature alone costs`
                + ` ${num(floor[0])} µs`
                + ` (JDK 17) and ${num(floor[1])} µs (JDK 25)`
                + (floor.every((f) => f > need) ? ', so no verifier on the fastest provider of this machine can'
                    + ' reach it: AWS-LC (ACCP) and OpenSSL verify P-256 at similar speeds, and DESIGN §10\'s 2.5×'
                    + ' assumed a slower Node (146 µs) against a faster native verify (50 µs).'
                    : ', so what separates WalletGate from it is the work around the signature (first target).'));
        }
    }

    // 4. Cache hit under 1 µs.
    for (const scenario of ['ES256-web3auth', 'ES256-oidc']) {
        const v = JDKS.map((j) => m(j, 'WalletGateCacheHitBench', { scenario }));
        const ok = all(v.map((x) => (x ? x.cpu <= 1 : null)));
        rows.push([`verified-token cache hit ≤ 1 µs, ${scenario}`, `${num(v[0]?.cpu)} / ${num(v[1]?.cpu)} µs`
            + ` (wall clock ${num(v[0]?.score)} / ${num(v[1]?.score)})`, verdict(ok)]);
    }
    return { rows, why };
}

// ---------------------------------------------------------------------------------------------------------------
// The page

function profileSection() {
    const out = [];
    for (const [scenario, p] of Object.entries(profiles)) {
        out.push(`**${scenario}** (${p.samples} weighted samples, JDK 17): where the time around the signature goes`);
        out.push('');
        out.push(table(['stage', 'share'], p.byStage.map((s) => [s.stage, `${s.percent.toFixed(1)} %`])));
        out.push('');
        out.push('Hottest frames (self time):');
        out.push('');
        out.push(table(['frame', 'share'], p.topFrames.map((f) => [`\`${f.frame}\``, `${f.percent.toFixed(1)} %`])));
        out.push('');
    }
    return out.join('\n');
}

function routingSection() {
    const rows = JDKS.map((j) => {
        const one = m(j, 'MultiIssuerBench', { issuers: '1' });
        const five = m(j, 'MultiIssuerBench', { issuers: '5' });
        return [`JDK ${j}`, cpu(one), timing(one), cpu(five), timing(five), times(ratio(five?.cpu, one?.cpu))];
    });
    return table(['', '1 issuer, CPU µs/op', 'wall µs/op', '5 issuers, CPU µs/op', 'wall µs/op', '5 ÷ 1 (CPU)'],
        rows);
}

const { rows: targetRows, why } = targets();
const proof = JDKS.map((j) => m(j, 'WalletProofBench', {}));
const lines = [];
lines.push('# Benchmarks');
lines.push('');
lines.push(`<!-- Generated by bench/run (bench/report.mjs) on ${machine.date ?? '?'}. Do not edit: run bench/run`
    + ' again. -->');
lines.push('');
lines.push('How fast WalletGate verifies a wallet-login ID token, beside the Java libraries a backend would otherwise'
    + ' use (Nimbus JOSE+JWT, jose4j, auth0 java-jwt), Node\'s `jose` (what every provider\'s sample backend uses),'
    + ' and the raw signature check of each crypto provider, the floor no verifier can go under (issue 9, DESIGN.md'
    + ' §10). Everything on this page comes from one run of `bench/run`.');
lines.push('');
lines.push('> **Noise.** This is a 2-core machine shared with other engineers\' builds and tests, which often keep'
    + ' both cores busy (see the load average below). Each row ran in its own JVM, at a different moment than its'
    + ' neighbours. Wall-clock time then measures the scheduler as much as the code, so the tables lead with **CPU'
    + ' time per operation** (all threads of the benchmark JVM: garbage collection and compilation included) and'
    + ' every ratio and target uses it; wall-clock µs/op (JMH\'s own result) stands beside it. Even CPU time grows'
    + ' by some 10 to 30 % when another process shares the core\'s caches. ± is the 99.9 % confidence half-width'
    + ' over the measured iterations, as JMH computes it; ⚠ marks rows whose wall-clock error exceeds 20 % of the'
    + ' score. Treat differences of a few percent as noise.');
lines.push('');
lines.push('## Machine');
lines.push('');
lines.push(table(['', ''], [
    ['date (UTC)', machine.date ?? '—'],
    ['CPU', `${machine.cpu ?? '—'}, ${machine.nproc ?? '—'} cores (\`nproc\`)`],
    ['memory', machine.memory ?? '—'],
    ['OS', machine.os ?? '—'],
    ['JDK 17', machine.jdk17 ?? '—'],
    ['JDK 25', machine.jdk25 ?? '—'],
    ['Node', node ? `${node.node} (V8 ${node.v8}, OpenSSL ${node.openssl}), jose ${node.jose}` : '—'],
    ['libraries', machine.libraries ?? '—'],
    ['WalletGate', machine.commit ? `commit ${machine.commit}` : '—'],
    ['load average (1 min) at start / end', `${machine.loadStart ?? '—'} / ${machine.loadEnd ?? '—'}`],
    ['JMH options', `${machine.jmhOptions ? `\`${machine.jmhOptions}\`` : 'each class\'s own: 1 fork; 1 to 8 s of'
        + ' CPU time of warm-up in setup, then 1 warm-up and 5 measured iterations of 500 ms'};`
        + ` JVM \`${machine.jvmArgs ?? '—'}\``],
    ['run time', machine.duration ?? '—'],
]));
lines.push('');
lines.push('## Targets');
lines.push('');
lines.push('The targets of issue 9, on this run (JDK 17 / JDK 25 where both apply; WalletGate with its default'
    + ' provider, ACCP, verifying a token it has not seen):');
lines.push('');
lines.push(table(['target', 'measured', ''], targetRows));
lines.push('');
if (why.length) {
    lines.push('Where a target is missed, why:');
    lines.push('');
    lines.push(...why);
    lines.push('');
}
lines.push('### Profile of the work around the signature');
lines.push('');
lines.push('JFR (`-prof jfr`, JDK 17) of the no-op-signature cold path (`WalletGateOverheadBench`), summarized by'
    + ' `bench/jfr-summary.mjs`: the benchmark thread\'s samples, each attributed to the pipeline stage on its stack.'
    + ' "benchmark harness" is the benchmark\'s own loop (taking the next token of the pool).');
lines.push('');
lines.push(profileSection() || 'No profile in this run.');
lines.push('');
lines.push('## Results');
lines.push('');
lines.push('µs per verification, lower is better; ratios on CPU time. "new token": every verification meets a token'
    + ' the verifier has not seen (full pipeline, then a cache insert; the cache is full and evicting in steady'
    + ' state). Peers verify the same token again and again (they keep no cache). "÷ floor" is the row against the'
    + ' raw signature verify of the provider it used; "÷ WalletGate default" against WalletGate with ACCP on a new'
    + ' token (above 1: slower than WalletGate).');
lines.push('');
for (const scenario of Object.keys(SCENARIOS)) {
    lines.push(scenarioSection(scenario));
}
lines.push('### Routing: one issuer or five');
lines.push('');
lines.push('The ES256 Web3Auth token, new each time, with only its issuer configured, and with five (web3auth,'
    + ' sequence-oms, nopwd and two OIDC issuers): the `iss` picks the issuer by one map lookup.');
lines.push('');
lines.push(routingSection());
lines.push('');
lines.push('### The client\'s wallet proof');
lines.push('');
lines.push(`\`WalletProof.appPublicKey(hex)\` of a compressed secp256k1 key (what a Web3Auth frontend sends): `
    + `${cpu(proof[0])} µs of CPU on JDK 17, ${cpu(proof[1])} on JDK 25 (wall clock ${timing(proof[0])} and `
    + `${timing(proof[1])}). It is part of every Web3Auth request, `
    + 'and of the "new token" rows above; the cache-hit rows use a proof built once, since the cache cannot spare'
    + ' it: decoding the key proves it is on the curve.');
lines.push('');
lines.push('## Method');
lines.push('');
lines.push(...[
    '- JMH 1.37, average time, one fork per row (every row in a fresh JVM). Setup first runs the operation until'
    + ' the benchmark thread has spent a budget of CPU time in it (`CpuWarmup`: 8 s for WalletGate\'s Web3Auth'
    + ' new-token path, 3 s for its other new-token paths, 2 s for the peers and the floor, 1 s for the cache hit'
    + ' and the proof parse), then JMH runs 1 warm-up and 5 measured iterations of 500 ms. Warming by CPU time'
    + ' rather than by the clock matters here: with other builds on both cores, time-based warm-ups left the JIT'
    + ' compiler without the CPU to finish, and the measured iterations still ran interpreted code. JDK 17 and'
    + ' JDK 25 run the same jar. `io.walletgate.bench.CpuTimeProfiler` adds the CPU columns.',
    '- Tokens: `io.walletgate.bench.Fixtures` mints them once per run with fresh keys (P-256, RSA 2048, Ed25519)'
    + ' and writes them to the output directory; every JVM and the Node script read the same files, so every'
    + ' implementation verifies the same bytes. Web3Auth-shaped tokens follow walletgate-testkit\'s shape (`wallets`:'
    + ' an ed25519 and a secp256k1 `web3auth_app_key`, the proven one second; `userId`, `nonce`, …);'
    + ' the OIDC tokens carry `iss`, `sub`, `aud`, `iat`, `exp`, `email`, `email_verified`, `name`.',
    '- WalletGate: `WalletVerifier` with the scenario\'s profile (`IssuerProfiles.web3auth(clientId)` or `oidc(…)`)'
    + ' and the JWKS inline; the default 16 MiB verified-token cache. "new token" rows take tokens from a pool of'
    + ' thousands of distinct ones and switch to a fresh verifier when the pool runs out, so no verifier ever sees a'
    + ' token twice; the Web3Auth proof is parsed from hex on each call. `accp` rows use no `signatureProvider`:'
    + ' that is WalletGate\'s own choice (setup fails if ACCP did not load, rather than measure a fallback).',
    '- Nimbus: `DefaultJWTProcessor`, `JWSVerificationKeySelector(ES256, ImmutableJWKSet)`, `DefaultJWTClaimsVerifier`'
    + ' (aud, exact iss, required exp); ACCP through `DefaultJWSVerifierFactory.getJCAContext().setProvider(…)`.',
    '- jose4j: `JwtConsumerBuilder` with required exp, expected iss and aud, ES256 only, `JwksVerificationKeyResolver`;'
    + ' ACCP through `ProviderContext` (it takes a provider name, so ACCP is registered at the lowest priority in'
    + ' that JVM, leaving the JDK\'s defaults alone).',
    '- auth0 java-jwt: `JWT.require(Algorithm.ECDSA256(keyProvider))` with iss, aud, required exp, 60 s leeway; the key'
    + ' provider answers the kid from an immutable map. java-jwt has no provider setting (it calls'
    + ' `Signature.getInstance(alg)`), so its ACCP rows install ACCP at the highest priority in that JVM, ACCP\'s'
    + ' documented installation, and import the key after that.',
    '- The floor: `Signature.getInstance(alg, provider)` kept across calls, `initVerify`, `update` with the token\'s'
    + ' signing input, `verify` of the signature in the provider\'s cheapest form (ECDSA: R||S as the token holds it'
    + ' where the provider verifies P1363 directly, `SHA256withECDSAinP1363Format` on ACCP and the JDK, as WalletGate'
    + ' uses them; DER on BouncyCastle), with a key from the provider\'s own key factory.',
    '- Node: `walletgate-bench/src/node/jose-bench.mjs` (jose pinned, lock committed), one verification at a time,'
    + ' awaited; a warm-up, then rounds of fixed length; ± as JMH computes it.',
    '- "Everything but the signature": the "new token" path with `signatureProvider` set to a JCA provider whose'
    + ' signatures cost nothing and always verify (`NoopSignatureProvider`, bench only). This is the part DESIGN §10'
    + ' bounds to 5 % of the signature, measured directly; the targets table judges on it.',
    '- Profile: JMH\'s JFR profiler on JDK 17 for that no-op-signature path (ES256 rows), summarized by'
    + ' `bench/jfr-summary.mjs`.',
]);
lines.push('');
lines.push('## Service load test (wrk)');
lines.push('');
lines.push('Arrives with the service (`walletgate serve`): `wrk` on loopback against `/v1/auth` with a session cookie,'
    + ' `/v1/auth` with a fresh Bearer token per request, and `POST /v1/verify`, beside the same load against the'
    + ' Node backend the providers\' guides describe (`createRemoteJWKSet` + `jwtVerify`): throughput and p50/p99'
    + ' latency. `bench/run` will gain a step for it; nothing is measured yet.');
lines.push('');

writeFileSync(target, lines.join('\n'));
console.log(`wrote ${target}`);
