// Compiles Solidity sources with the pinned solc (the JS compiler from npm) and prints each contract's creation code
// as JSON: {"<file>:<contract>": "0x…", …}. Settings are fixed so the output is reproducible: optimizer on (200
// runs), EVM version paris (no PUSH0, so the code also runs on chains that never adopted Shanghai), no metadata hash
// appended (the bytes do not depend on comments or file paths).
// Usage: node compile.mjs FILE.sol [FILE.sol …]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import solc from 'solc';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node compile.mjs FILE.sol [FILE.sol ...]');
  process.exit(2);
}
const sources = Object.fromEntries(files.map((f) => [basename(f), { content: readFileSync(f, 'utf8') }]));
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'paris',
    metadata: { appendCBOR: false },
    outputSelection: { '*': { '*': ['evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
const result = {};
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) result[`${file}:${name}`] = `0x${c.evm.bytecode.object}`;
}
console.log(JSON.stringify({ solc: solc.version(), contracts: result }));
