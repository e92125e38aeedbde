// Writes ../resources/signin/fixtures.json: sign-in messages and signatures made by independent libraries, for the
// Java tests of walletgate-core (which then run offline). Each case is checked by its own library before it is
// written; nothing is written if one fails.
//   eip191 - personal_sign signatures by ethers (Wallet.signMessage) and viem (account.signMessage), with viem's hash
//   siwe   - EIP-4361 messages made by spruceid's `siwe` (SiweMessage.prepareMessage) and viem (createSiweMessage),
//            signed by ethers and viem, verified by siwe's SiweMessage.verify
//   abi    - viem's encodings of the contract calls: isValidSignature(bytes32,bytes), an EIP-6492 wrapper
//            (serializeErc6492Signature) and the deployless validator's constructor arguments (encodeAbiParameters)
//   siws   - Solana sign-in messages made by @solana/wallet-standard-util (createSignInMessageText), signed with
//            @noble/curves ed25519, verified by the same package's verifySignIn
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Wallet } from 'ethers';
import { SiweMessage } from 'siwe';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { createSiweMessage } from 'viem/siwe';
import { hashMessage, encodeFunctionData, encodeAbiParameters, serializeErc6492Signature } from 'viem';
import { ed25519 } from '@noble/curves/ed25519';
import { base58, base64 } from '@scure/base';
import { createSignInMessageText, verifySignIn } from '@solana/wallet-standard-util';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'resources', 'signin', 'fixtures.json');

const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (seconds) => new Date(NOW.getTime() + seconds * 1000);
const nonce = () => base58.encode(randomBytes(16)).replace(/[^A-Za-z0-9]/g, '').slice(0, 20);

async function eip191() {
  const messages = ['', 'hello', 'h\u00e9llo w\u00f6rld \u2713', 'x'.repeat(1000),
    'app.example.com wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000'];
  const cases = [];
  for (const message of messages) {
    const wallet = Wallet.createRandom();
    cases.push({ library: 'ethers', address: wallet.address, message, hash: hashMessage(message),
      signature: await wallet.signMessage(message) });
    const account = privateKeyToAccount(generatePrivateKey());
    cases.push({ library: 'viem', address: account.address, message, hash: hashMessage(message),
      signature: await account.signMessage({ message }) });
  }
  return cases;
}

async function siwe() {
  const cases = [];
  const base = {
    domain: 'app.example.com', uri: 'https://app.example.com/login', version: '1', chainId: 1,
  };
  const variants = [
    { name: 'minimal', fields: {} },
    { name: 'statement', fields: { statement: 'Sign in to Example: https://app.example.com/tos (v2) & more!' } },
    { name: 'all-optional-fields', fields: {
      statement: 'I accept the ExampleOrg Terms of Service',
      expirationTime: at(3600), notBefore: at(-60), requestId: 'req-42:abc@x',
      resources: ['ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
        'https://app.example.com/my-claim.json'],
    } },
    { name: 'scheme', fields: { scheme: 'https' } },
    { name: 'chain-8453', fields: { chainId: 8453 } },
    { name: 'port', fields: { domain: 'app.example.com:8443', uri: 'https://app.example.com:8443/' } },
  ];
  for (const v of variants) {
    const f = { ...base, ...v.fields, nonce: nonce(), issuedAt: at(-30) };
    // spruceid siwe, signed by ethers
    const wallet = Wallet.createRandom();
    const siweMsg = new SiweMessage({
      ...f, address: wallet.address, issuedAt: f.issuedAt.toISOString(),
      expirationTime: f.expirationTime?.toISOString(), notBefore: f.notBefore?.toISOString(),
    });
    const text = siweMsg.prepareMessage();
    const signature = await wallet.signMessage(text);
    const checked = await new SiweMessage(text).verify({ signature, domain: f.domain, nonce: f.nonce, time: NOW.toISOString() },
      { suppressExceptions: true });
    if (!checked.success) throw new Error(`siwe rejects its own ${v.name}: ${checked.error?.type}`);
    cases.push({ name: `siwe-${v.name}`, library: 'siwe+ethers', address: wallet.address, chainId: f.chainId,
      domain: f.domain, uri: f.uri, nonce: f.nonce, message: text, hash: hashMessage(text), signature,
      fields: fields(f) });
    // viem, signed by viem
    const account = privateKeyToAccount(generatePrivateKey());
    const viemText = createSiweMessage({ ...f, address: account.address, nonce: nonce() });
    const viemNonce = /\nNonce: ([A-Za-z0-9]+)\n/.exec(viemText)[1];
    cases.push({ name: `viem-${v.name}`, library: 'viem', address: account.address, chainId: f.chainId,
      domain: f.domain, uri: f.uri, nonce: viemNonce, message: viemText, hash: hashMessage(viemText),
      signature: await account.signMessage({ message: viemText }), fields: fields({ ...f, nonce: viemNonce }) });
  }
  return cases;
}

function fields(f) {
  return {
    scheme: f.scheme ?? null, statement: f.statement ?? null, version: f.version,
    issuedAt: f.issuedAt.toISOString(), expirationTime: f.expirationTime?.toISOString() ?? null,
    notBefore: f.notBefore?.toISOString() ?? null, requestId: f.requestId ?? null, resources: f.resources ?? [],
  };
}

function siws() {
  const cases = [];
  const variants = [
    { name: 'minimal', input: {} },
    { name: 'statement-mainnet', input: { statement: 'Clicking Sign only means you have proved this wallet is yours.',
      chainId: 'mainnet' } },
    { name: 'all-fields-devnet', input: {
      statement: 'Sign in to Example', chainId: 'solana:devnet',
      expirationTime: at(3600).toISOString(), notBefore: at(-60).toISOString(), requestId: 'req-7',
      resources: ['https://app.example.com/terms', 'https://phantom.app/'],
    } },
  ];
  for (const v of variants) {
    const secret = ed25519.utils.randomPrivateKey();
    const publicKey = ed25519.getPublicKey(secret);
    const address = base58.encode(publicKey);
    const input = {
      domain: 'app.example.com', address, uri: 'https://app.example.com/login', version: '1',
      nonce: nonce(), issuedAt: at(-30).toISOString(), ...v.input,
    };
    const text = createSignInMessageText(input);
    const signedMessage = new TextEncoder().encode(text);
    const signature = ed25519.sign(signedMessage, secret);
    const output = { account: { address, publicKey }, signedMessage, signature };
    if (!verifySignIn(input, output)) throw new Error(`verifySignIn rejects its own ${v.name}`);
    cases.push({ name: `siws-${v.name}`, library: '@solana/wallet-standard-util', address,
      publicKey: Buffer.from(publicKey).toString('hex'), domain: input.domain, uri: input.uri, nonce: input.nonce,
      chainId: input.chainId ?? null, message: text, signatureBase58: base58.encode(signature),
      signatureBase64: base64.encode(signature) });
  }
  return cases;
}

function abi() {
  const erc1271 = [{ type: 'function', name: 'isValidSignature', stateMutability: 'view',
    inputs: [{ type: 'bytes32', name: 'hash' }, { type: 'bytes', name: 'signature' }],
    outputs: [{ type: 'bytes4' }] }];
  const hex = (n) => `0x${randomBytes(n).toString('hex')}`;
  const cases = [];
  for (const [signatureBytes, calldataBytes] of [[65, 68], [0, 0], [31, 33], [64, 100], [200, 1]]) {
    const hash = hex(32);
    const signature = hex(signatureBytes);
    const signer = privateKeyToAccount(generatePrivateKey()).address;
    const factory = privateKeyToAccount(generatePrivateKey()).address;
    const factoryCalldata = hex(calldataBytes);
    cases.push({
      hash, signature, signer, factory, factoryCalldata,
      isValidSignature: encodeFunctionData({ abi: erc1271, functionName: 'isValidSignature', args: [hash, signature] }),
      erc6492: serializeErc6492Signature({ address: factory, data: factoryCalldata, signature }),
      validatorArguments: encodeAbiParameters(
        [{ type: 'address' }, { type: 'bytes32' }, { type: 'address' }, { type: 'bytes' }, { type: 'bytes' }],
        [signer, hash, factory, factoryCalldata, signature]),
    });
  }
  return cases;
}

const fixtures = { now: NOW.toISOString(), eip191: await eip191(), siwe: await siwe(), abi: abi(), siws: siws() };
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(fixtures, null, 2) + '\n');
console.log(`wrote ${fixtures.eip191.length} eip191, ${fixtures.siwe.length} siwe, ${fixtures.abi.length} abi,`
  + ` ${fixtures.siws.length} siws cases`
  + ` to ${out}`);
