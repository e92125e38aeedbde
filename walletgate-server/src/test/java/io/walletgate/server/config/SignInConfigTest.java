package io.walletgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signIn:} in YAML and in the environment, its defaults, and every mistake named at load. */
class SignInConfigTest {
    private static final String ISSUER = "issuers: [{profile: nopwd, audience: a.com}]\n";

    @TempDir
    Path dir;

    private WalletGateConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("walletgate.yaml");
        Files.writeString(file, ISSUER + yaml);
        return ConfigLoader.load(file, env);
    }

    private void rejects(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void loads_the_example_of_the_documentation() throws Exception {
        SignInConfig s = load(String.join("\n",
                "signIn:",
                "  ethereum:",
                "    domains: [app.example.com]",
                "    uris: [https://app.example.com]",
                "    chains:",
                "      1: https://rpc.example/eth",
                "      8453: ~",
                "    nonceTtl: 5m",
                "    rpcTimeout: 3s",
                "    rpcResponseLimit: 128KiB",
                "    rpcMaxInFlight: 16",
                "  solana:",
                "    domains: [app.example.com]",
                "    uris: [https://app.example.com]",
                "    clusters: [mainnet, devnet]",
                "  maxNonces: 5000",
                ""), Map.of()).signIn();
        assertThat(s.enabled()).isTrue();
        assertThat(s.maxNonces()).isEqualTo(5000);
        assertThat(s.ethereum().chains()).containsExactly(Map.entry(1L, Optional.of(URI.create(
                "https://rpc.example/eth"))), Map.entry(8453L, Optional.empty()));
        assertThat(s.ethereum().nonceTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.ethereum().rpcTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.ethereum().rpcConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.ethereum().rpcResponseLimit()).isEqualTo(128 * 1024);
        assertThat(s.ethereum().rpcMaxInFlight()).isEqualTo(16);
        assertThat(s.solana().clusters()).containsExactly("mainnet", "devnet");
        assertThat(s.solana().nonceTtl()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void without_the_section_sign_in_is_off() throws Exception {
        SignInConfig s = load("", Map.of()).signIn();
        assertThat(s.enabled()).isFalse();
        assertThat(s.ethereum()).isNull();
        assertThat(s.solana()).isNull();
    }

    @Test
    void the_environment_sets_every_field() throws Exception {
        SignInConfig s = load("", Map.of(
                "WALLETGATE_SIGNIN_ETHEREUM_DOMAINS", "app.example.com,www.example.com",
                "WALLETGATE_SIGNIN_ETHEREUM_URIS", "https://app.example.com",
                "WALLETGATE_SIGNIN_ETHEREUM_CHAINS", "1=https://rpc.example/eth,8453",
                "WALLETGATE_SIGNIN_ETHEREUM_NONCE_TTL", "2m",
                "WALLETGATE_SIGNIN_SOLANA_DOMAINS", "app.example.com",
                "WALLETGATE_SIGNIN_SOLANA_URIS", "https://app.example.com",
                "WALLETGATE_SIGNIN_MAX_NONCES", "77")).signIn();
        assertThat(s.ethereum().domains()).containsExactly("app.example.com", "www.example.com");
        assertThat(s.ethereum().chains()).containsExactly(Map.entry(1L, Optional.of(URI.create(
                "https://rpc.example/eth"))), Map.entry(8453L, Optional.empty()));
        assertThat(s.ethereum().nonceTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.solana().uris()).containsExactly("https://app.example.com");
        assertThat(s.maxNonces()).isEqualTo(77);
    }

    @Test
    void each_mistake_names_the_section_and_the_field() {
        String eth = "signIn:\n  ethereum:\n    domains: [app.example.com]\n    uris: [https://app.example.com]\n";
        rejects("signIn:\n  ethereum: {uris: [https://a.example]}\n", "signIn.ethereum: 'domains' is required");
        rejects(eth + "    chains: {one: https://rpc.example}\n", "signIn.ethereum: 'chains' 'one' is not a chain ID");
        rejects(eth + "    chains: {0: https://rpc.example}\n", "'0' is not a chain ID");
        rejects(eth + "    chains: {1: 'http://rpc.example/SECRET'}\n", "must be https (plain http only on a loopback");
        rejects(eth + "    chains: {1: 'http://rpc.example/SECRET'}\n", "http://rpc.example/…");
        rejects(eth + "    chains: {1: 'not a url/SECRET'}\n", "chain 1: the value is not a JSON-RPC URL");
        rejects(eth + "    chains: [1]\n", "'chains' must map chain IDs to JSON-RPC URLs");
        rejects(eth + "    nonceTtl: 0s\n", "nonceTtl");
        rejects(eth + "    rpcResponseLimit: 10\n", "'rpcResponseLimit' must be between 1KiB and 16MiB");
        rejects(eth + "    rpcMaxInFlight: 0\n", "'rpcMaxInFlight' must be between 1 and 10000");
        rejects(eth + "    clusters: [mainnet]\n", "signIn.ethereum: unknown field 'clusters'");
        rejects("signIn:\n  solana: {domains: [a.example], uris: ['https://a.example/login']}\n",
                "signIn.solana: uris: 'https://a.example/login' is not an origin");
        rejects("signIn:\n  solana: {domains: [a.example], uris: ['https://a.example'], clusters: [moon]}\n",
                "moon");
        rejects("signIn:\n  maxNonces: 0\n", "'maxNonces' must be between 1 and 10000000");
        rejects("signIn:\n  ethereal: {}\n", "ethereal");
    }
}
