// Measures Sign-In with Ethereum verification by an EOA in the two libraries dApp backends use, on the very messages
// WalletGate's SignInBench verifies (io.walletgate.bench.Fixtures writes them to siwe.json):
//   siwe  spruceid's `new SiweMessage(text).verify({signature, domain, nonce, time})` (its ABNF parser, ethers'
//         verifyMessage)
//   viem  `verifySiweMessage(client, {message, signature, domain, nonce, time, mode: 'eoa'})`: with mode 'eoa' viem
//         recovers the signer first and asks no chain when it is the message's address (its default asks the chain
//         first, for smart-contract wallets); the client's transport is never called
// One verification at a time, awaited, messages taken in turn; the loop of measure.mjs.
//
// Usage (in walletgate-bench/src/node-siwe): node siwe-bench.mjs SIWE.json [--warmup-ms 2000] [--rounds 5] [--round-ms 1000] > result.json
import { readFileSync } from 'node:fs';
import { SiweMessage } from 'siwe';
import { createPublicClient, http } from 'viem';
import { mainnet } from 'viem/chains';
import { verifySiweMessage } from 'viem/siwe';
import { measurer } from '../node/measure.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
};
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!file) {
    console.error('usage: node siwe-bench.mjs SIWE.json [--warmup-ms N] [--rounds N] [--round-ms N]');
    process.exit(2);
}
const WARMUP_MS = option('--warmup-ms', 2000);
const ROUNDS = option('--rounds', 5);
const ROUND_MS = option('--round-ms', 1000);
const measure = measurer(WARMUP_MS, ROUNDS, ROUND_MS);
const version = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url),
    'utf8')).version;

const fixture = JSON.parse(readFileSync(file, 'utf8'));
const time = new Date(fixture.at);
const messages = fixture.messages;
// a transport to nowhere: a call would fail the benchmark instead of measuring a network
const client = createPublicClient({ chain: mainnet, transport: http('http://127.0.0.1:9/', { retryCount: 0 }) });

const libraries = {
    siwe: async (m) => (await new SiweMessage(m.message).verify({ signature: m.signature, domain: fixture.domain,
        nonce: m.nonce, time: time.toISOString() }, { suppressExceptions: true })).success,
    viem: (m) => verifySiweMessage(client, { message: m.message, signature: m.signature, domain: fixture.domain,
        nonce: m.nonce, time, mode: 'eoa' }),
};

const results = [];
for (const [library, verify] of Object.entries(libraries)) {
    for (const m of messages.slice(0, 16)) {
        if (!(await verify(m))) throw new Error(`${library} rejects the message of ${m.address}`);
    }
    let next = 0;
    const r = await measure(async () => {
        const m = messages[next];
        next = next + 1 === messages.length ? 0 : next + 1;
        if (!(await verify(m))) throw new Error(`${library} rejected a message`);
    });
    results.push({ library, ...r });
    console.error(`${library.padEnd(5)} ${r.wall.mean.toFixed(1).padStart(8)} us/op (cpu ${r.cpu.mean.toFixed(1)} us/op)`);
}

console.log(JSON.stringify({
    node: process.version, siwe: version('siwe'), ethers: version('ethers'), viem: version('viem'),
    warmupMs: WARMUP_MS, rounds: ROUNDS, roundMs: ROUND_MS, messages: messages.length, results,
}, null, 2));
