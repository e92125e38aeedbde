// The testkit's sign-in helpers against the independent libraries: reads a JSON file of checks, writes one result per
// check. Usage: node interop.mjs IN.json OUT.json
//   {"kind": "sign", "privateKey", "message"}          -> viem's account.signMessage and ethers' Wallet.signMessage
//   {"kind": "siwe", "fields": {...}}                  -> spruceid siwe's prepareMessage and viem's createSiweMessage
//   {"kind": "siws", "fields": {...}}                  -> the wallet standard's createSignInMessageText
//   {"kind": "ed25519", "address", "message", "signature"} -> noble's ed25519.verify of a base58 signature
import { readFileSync, writeFileSync } from 'node:fs';
import { Wallet } from 'ethers';
import { SiweMessage } from 'siwe';
import { privateKeyToAccount } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { ed25519 } from '@noble/curves/ed25519';
import { base58 } from '@scure/base';
import { createSignInMessageText } from '@solana/wallet-standard-util';

const [input, output] = process.argv.slice(2);
const checks = JSON.parse(readFileSync(input, 'utf8'));
const results = [];
for (const c of checks) {
  if (c.kind === 'sign') {
    results.push({
      viem: await privateKeyToAccount(c.privateKey).signMessage({ message: c.message }),
      ethers: await new Wallet(c.privateKey).signMessage(c.message),
    });
  } else if (c.kind === 'siwe') {
    const f = c.fields;
    results.push({
      siwe: new SiweMessage({ ...f, chainId: Number(f.chainId) }).prepareMessage(),
      viem: createSiweMessage({ ...f, chainId: Number(f.chainId), issuedAt: new Date(f.issuedAt),
        expirationTime: f.expirationTime ? new Date(f.expirationTime) : undefined,
        notBefore: f.notBefore ? new Date(f.notBefore) : undefined }),
    });
  } else if (c.kind === 'siws') {
    results.push({ walletStandard: createSignInMessageText(c.fields) });
  } else if (c.kind === 'ed25519') {
    results.push({ valid: ed25519.verify(base58.decode(c.signature), new TextEncoder().encode(c.message),
      base58.decode(c.address)) });
  } else {
    throw new Error(`unknown check ${c.kind}`);
  }
}
writeFileSync(output, JSON.stringify(results));
