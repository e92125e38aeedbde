#!/usr/bin/env node
// Summarizes a JFR recording of a WalletGate benchmark: where the benchmark thread's time goes, by stage of the
// verification, and the hottest frames. Java samples (jdk.ExecutionSample, every 10 ms with JMH's "profile"
// settings) and native samples (jdk.NativeMethodSample, every 20 ms: ACCP verifies in native code) are counted
// together, a native sample weighing two Java ones. Each sample goes to the first stage whose rule matches a frame
// of its stack.
//
// --service: a recording of `walletgate serve` under load (bench/load) instead: every thread's samples, each going to
// the first component whose rule matches a frame of its stack (the verification's stages first, then the service's
// own parts, then Jetty/Javalin), and samples of threads that are not Jetty's counted apart.
//
// Usage: node jfr-summary.mjs JFR_BIN FILE.jfr [--service] [--json]
import { execFileSync } from 'node:child_process';

const [jfrBin, file, ...flags] = process.argv.slice(2);
if (!jfrBin || !file) {
    console.error('usage: jfr-summary.mjs JFR_BIN FILE.jfr [--service] [--json]');
    process.exit(2);
}
const service = flags.includes('--service');

const raw = execFileSync(jfrBin, ['print', '--json', '--stack-depth', '96', '--events',
    'jdk.ExecutionSample,jdk.NativeMethodSample', file], { maxBuffer: 1 << 30 }).toString();
const events = JSON.parse(raw).recording.events;

const frameName = (f) => `${f.method.type.name.replaceAll("/", ".")}.${f.method.name}`;

// The first rule whose test matches a frame of the stack (any depth) names the stage; order matters.
const has = (names, re) => names.some((n) => re.test(n));
const PROVIDER = new RegExp('^(com\\.amazon\\.corretto|sun\\.security|org\\.bouncycastle\\.jcajce'
    + '|java\\.security\\.Signature|org\\.bouncycastle\\.crypto\\.signers|org\\.bouncycastle\\.math\\.ec\\.rfc8032)');
const STAGES = [
    ['signature call (JCA dispatch to the no-op provider)', (n) => has(n, /NoopSignatureProvider/)],
    ['signature (provider)', (n) => has(n, /^io\.walletgate\.internal\.crypto\.SignatureVerifier\.verify/)
        && has(n, PROVIDER)],
    ['signature form (r/s range; DER for BouncyCastle)', (n) => has(n, /EcdsaSignatures/)],
    ['wallet proof (curve points, Keccak, base58)', (n) => has(n, /^io\.walletgate\.(internal\.wallet\.|WalletProof)/)],
    ['JSON parsing', (n) => has(n, /^io\.walletgate\.internal\.token\.BoundedJson/)],
    ['token parsing (split, base64url)', (n) => has(n, /^io\.walletgate\.internal\.token\.(CompactJws|Base64Url)/)],
    ['verified-token cache', (n) => has(n, /^com\.github\.benmanes\.caffeine/)],
    ['claims and identity', (n) => has(n,
        /^io\.walletgate\.(internal\.claims|ConfiguredIssuer|VerifiedIdentity|VerifiedToken)/)],
    ['key selection', (n) => has(n, /^io\.walletgate\.internal\.keys/)],
    ['signature (provider)', (n) => has(n, /^(com\.amazon\.corretto|sun\.security\.ec|org\.bouncycastle\.jcajce)/)],
    ['other WalletGate', (n) => has(n, /^io\.walletgate\.(?!bench\.)/)],
];

// The access log: the request thread hands a record to io.walletgate.server.accesslog.AccessLog, whose own writer
// thread formats and writes the lines (slf4j where a caller logs through it directly).
const ACCESS_LOG = /^(io\.walletgate\.server\.accesslog\.|org\.slf4j)/;

// The service (--service): a request's work, first matching rule wins (the verification's stages are specific to it).
const SERVICE_STAGES = [
    ['signature (ACCP, native)', (n) => has(n, /^io\.walletgate\.internal\.crypto\.SignatureVerifier\.verify/)
        && has(n, PROVIDER)],
    ['wallet proof (the app key\'s curve point, Keccak, hex)', (n) => has(n,
        /^io\.walletgate\.(internal\.wallet\.|WalletProof)/)],
    ['token parsing and JSON (header, claims)', (n) => has(n, /^io\.walletgate\.internal\.token\./)],
    ['verified-token cache', (n) => has(n, /^com\.github\.benmanes\.caffeine/)],
    ['rest of the verification (routing, keys, claims, identity)', (n) => has(n,
        /^io\.walletgate\.(internal\.|keys\.|WalletVerifier|ConfiguredIssuer|VerifiedToken|VerifiedIdentity)/)],
    ['access log (handing the line over, and its writer thread)', (n) => has(n, ACCESS_LOG)],
    ['metrics (Micrometer)', (n) => has(n, /^io\.micrometer/)],
    ['session store (SQLite)', (n) => has(n, /^(org\.sqlite|io\.walletgate\.server\.session)/)],
    ['answer (identity JSON, headers)', (n) => has(n, /^(io\.walletgate\.server\.json|com\.fasterxml)/)],
    ['HTTP (Jetty, Javalin, WalletGate\'s handlers)', (n) => has(n, /^(org\.eclipse\.jetty|io\.javalin|io\.walletgate)/)],
];

const IDLE = /^(sun\.nio\.ch\.(EPoll\.wait|Net\.accept|Net\.poll)|jdk\.internal\.misc\.Unsafe\.park|java\.lang\.(Object\.wait|Thread\.sleep))/;

const stages = new Map();
const top = new Map();
let total = 0;
for (const e of events) {
    const frames = e.values.stackTrace?.frames ?? [];
    const names = frames.map(frameName);
    // Only the benchmark thread: its stack runs through the generated JMH stub (all threads for --service).
    if (!service && !names.some((n) => n.includes('jmh_generated'))) continue;
    // A thread waiting in a native call (epoll, park, accept) is sampled as native too: that is idle, not work.
    if (service && e.type === 'jdk.NativeMethodSample' && IDLE.test(names[0] ?? '')) continue;
    const weight = e.type === 'jdk.NativeMethodSample' ? 2 : 1; // 20 ms against 10 ms sampling periods
    total += weight;
    const stage = service
        ? (has(names, /^org\.eclipse\.jetty/) || has(names, ACCESS_LOG)
            ? (SERVICE_STAGES.find(([, test]) => test(names)) ?? ['JDK, other'])[0]
            : 'threads other than Jetty\'s (key refresh, timers)')
        : (STAGES.find(([, test]) => test(names)) ?? ['benchmark harness'])[0];
    stages.set(stage, (stages.get(stage) ?? 0) + weight);
    const self = names[0] ?? '?';
    top.set(self, (top.get(self) ?? 0) + weight);
}

const pct = (n) => (100 * n / total);
const byStage = [...stages].sort((a, b) => b[1] - a[1]).map(([stage, n]) => ({ stage, percent: +pct(n).toFixed(1) }));
const topFrames = [...top].sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([frame, n]) => ({ frame, percent: +pct(n).toFixed(1) }));
const summary = { samples: total, byStage, topFrames };
if (flags.includes('--json')) {
    console.log(JSON.stringify(summary, null, 2));
} else {
    console.log(`weighted samples: ${total}`);
    for (const s of byStage) console.log(`${s.percent.toFixed(1).padStart(5)} %  ${s.stage}`);
    console.log('top frames (self):');
    for (const f of topFrames) console.log(`${f.percent.toFixed(1).padStart(5)} %  ${f.frame}`);
}
