package io.walletgate.server.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.server.ProjectFiles;
import io.walletgate.server.SystemPrograms;
import io.walletgate.testkit.DevIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's frontend snippets for sign-in with a wallet signature, run as written in Node against the service:
 * the viem one with a browser wallet ({@code window.ethereum}, EIP-1193) that signs with a viem local account, the
 * Solana one with a Wallet Standard wallet whose {@code solana:signIn} writes the message with
 * {@code @solana/wallet-standard-util} and signs it with noble's Ed25519. Relative URLs go to the service, as they
 * would from a page served behind the same proxy. Each must print the session's {@code did:pkh} subject.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeSignInIT {
    // What a browser gives the page: its location, an injected Ethereum provider and a Solana wallet; fetch resolves
    // relative URLs against the service.
    private static final String HARNESS = String.join("\n",
            "import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';",
            "import { ed25519 } from '@noble/curves/ed25519';",
            "import { base58 } from '@scure/base';",
            "import { createSignInMessage } from '@solana/wallet-standard-util';",
            "const serviceBase = process.argv[2];",
            "const realFetch = globalThis.fetch;",
            "globalThis.fetch = (url, init) => realFetch(new URL(url, serviceBase), init);",
            "const account = privateKeyToAccount(generatePrivateKey());",
            "const secret = ed25519.utils.randomPrivateKey();",
            "const solanaAddress = base58.encode(ed25519.getPublicKey(secret));",
            "globalThis.window = { location: { host: 'localhost', origin: 'http://localhost' }, ethereum: {",
            "  request: async ({ method, params }) => {",
            "    if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account.address];",
            "    if (method === 'eth_chainId') return '0x1';",
            "    if (method === 'personal_sign') return account.signMessage({ message: { raw: params[0] } });",
            "    throw new Error('the test wallet does not do ' + method);",
            "  } } };",
            "globalThis.wallet = { features: { 'solana:signIn': { signIn: async (...inputs) => inputs.map((input) => {",
            "  const signedMessage = createSignInMessage({ ...input, address: solanaAddress });",
            "  return { account: { address: solanaAddress }, signedMessage,",
            "    signature: ed25519.sign(signedMessage, secret) };",
            "}) } } };",
            "console.error(JSON.stringify({ ethereum: account.address, solana: solanaAddress }));",
            "");

    private DevIssuer issuer;
    private SignInService service;
    private Path work;

    @BeforeAll
    void start(@TempDir Path dir) throws IOException {
        issuer = DevIssuer.start();
        service = SignInService.start(dir.resolve("service"), String.join("\n",
                "issuers: [{profile: web3auth, audience: " + issuer.audience() + ", jwksUri: '"
                        + issuer.jwksUri("web3auth") + "'}]",
                "sessions: {cookieSecure: false}",
                "signIn:",
                "  ethereum: {domains: [localhost], uris: ['http://localhost'], chains: {1: ~}}",
                "  solana: {domains: [localhost], uris: ['http://localhost']}",
                ""), Clock.systemUTC());
        work = dir.resolve("node");
        Files.createDirectories(work);
        Files.createSymbolicLink(work.resolve("node_modules"), SignInService.nodeModules());
    }

    @AfterAll
    void stop() {
        service.close();
        issuer.close();
    }

    private static String snippet(String name) throws IOException {
        String text = ProjectFiles.read("README.md");
        Matcher m = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\n```js\\n(.*?)```",
                Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("README.md has the snippet %s", name).isTrue();
        return m.group(1);
    }

    private String run(String name) throws Exception {
        Path script = work.resolve(name + ".mjs");
        Files.writeString(script, HARNESS + snippet(name));
        Path node = SystemPrograms.require("node", "nodejs", "the README's frontend snippets run in Node");
        Process p = new ProcessBuilder(node.toString(), script.toString(), service.base().toString())
                .redirectError(work.resolve(name + ".err").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve(name + ".err"));
        assertThat(p.exitValue()).as(err).isZero();
        return out + "\n" + err;
    }

    @Test
    void the_viem_snippet_signs_in_with_ethereum() throws Exception {
        String[] output = run("siwe-frontend").split("\n");
        String address = SignInService.JSON.readTree(output[1]).path("ethereum").asText();
        assertThat(output[0]).isEqualTo("did:pkh:eip155:1:" + address);
    }

    @Test
    void the_wallet_standard_snippet_signs_in_with_solana() throws Exception {
        String[] output = run("siws-frontend").split("\n");
        String address = SignInService.JSON.readTree(output[1]).path("solana").asText();
        assertThat(output[0]).isEqualTo("did:pkh:solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:" + address);
    }
}
