// viem's verifySiweMessage as a differential oracle: reads a JSON file of cases, verifies each against the local
// node at `rpc` (so that smart-contract wallets are asked of the chain, as viem does), and writes the verdicts.
// Usage: node differential.mjs IN.json OUT.json
//   IN:  {"rpc": "http://127.0.0.1:PORT", "chainId": 31337, "time": ISO-8601, "domain": "...",
//         "cases": [{"id", "message", "signature", "nonce"}]}
//   OUT: {"viem": "<version>", "results": [{"id", "valid": bool, "error": string|null}]}
// A case whose verification throws (an RPC failure) is recorded with its error, never as a verdict.
import { readFileSync, writeFileSync } from 'node:fs';
import { createPublicClient, http, defineChain } from 'viem';
import { verifySiweMessage } from 'viem/siwe';
import viemPackage from 'viem/package.json' with { type: 'json' };

const [input, output] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(input, 'utf8'));
const chain = defineChain({ id: spec.chainId, name: 'local', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [spec.rpc] } } });
const client = createPublicClient({ chain, transport: http(spec.rpc, { retryCount: 0, timeout: 10_000 }) });
const time = new Date(spec.time);
const results = [];
for (const c of spec.cases) {
  try {
    const valid = await verifySiweMessage(client, { message: c.message, signature: c.signature, domain: spec.domain,
      nonce: c.nonce, time });
    results.push({ id: c.id, valid, error: null });
  } catch (e) {
    results.push({ id: c.id, valid: false, error: String(e?.shortMessage ?? e?.message ?? e) });
  }
}
writeFileSync(output, JSON.stringify({ viem: viemPackage.version, results }));
