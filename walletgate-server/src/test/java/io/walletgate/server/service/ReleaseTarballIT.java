package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import io.walletgate.testkit.WalletGateTestIssuer;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball ({@code ./mvnw -Prelease package}, docs/release.md) unpacked and run as a user without a JDK
 * would: {@code bin/walletgate} with an environment of its own that has no {@code JAVA_HOME}, no JVM option
 * variables and a {@code PATH} with nothing on it (no {@code java} anywhere), so only the runtime in the tarball can
 * run it. Keys come from the testkit's issuer through an HTTPS endpoint with an EC certificate, so TLS must work in
 * the trimmed runtime too.
 */
@WalletGateTestIssuer
class ReleaseTarballIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path work;
    private static Path home;
    private static Path truststore;
    private static HttpsServer jwks;
    private static DevIssuer jwksSource;

    private final DevIssuer issuer;

    ReleaseTarballIT(DevIssuer issuer) {
        this.issuer = issuer;
        jwksSource = issuer;
    }

    @BeforeAll
    static void unpack_and_serve_keys_over_https() throws Exception {
        Path tarball = Path.of(System.getProperty("walletgate.release.tarball", "target/none.tar.gz"));
        assertThat(tarball).as("run with ./mvnw -Prelease verify").isRegularFile();
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        exec(List.of("tar", "xzf", tarball.toString(), "-C", unpacked.toString()));
        String name = tarball.getFileName().toString().replace("-linux-x86_64.tar.gz", "");
        home = unpacked.resolve(name);
        jwks = httpsJwks();
    }

    @AfterAll
    static void stop() {
        if (jwks != null) {
            jwks.stop(0);
            ((ExecutorService) jwks.getExecutor()).shutdownNow();
        }
    }

    @Test
    void holds_the_launcher_a_trimmed_runtime_the_jar_the_licence_and_the_sbom() throws IOException {
        assertThat(home.resolve("bin/walletgate")).isExecutable();
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/bin/javac")).doesNotExist();
        assertThat(home.resolve("runtime/bin/jlink")).doesNotExist();
        assertThat(home.resolve("walletgate.jar")).isRegularFile();
        assertThat(home.resolve("lib").resolve("AmazonCorrettoCryptoProvider-2.5.0-linux-x86_64.jar")).isRegularFile();
        // native secp256k1 for the client's app key (optional in walletgate-core, shipped as ACCP is)
        assertThat(home.resolve("lib").resolve("secp256k1-kmp-jni-jvm-linux-0.23.0.jar")).isRegularFile();
        assertThat(Files.readString(home.resolve("LICENSE")))
                .isEqualTo(Files.readString(Path.of(System.getProperty("walletgate.license"))));

        String modules = Files.readAllLines(home.resolve("runtime/release")).stream()
                .filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        assertThat(modules).contains("java.base", "java.net.http", "java.sql", "jdk.crypto.ec", "jdk.unsupported",
                "jdk.httpserver").doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jlink");

        JsonNode sbom = Http.JSON.readTree(home.resolve("sbom.cdx.json").toFile());
        assertThat(sbom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(sbom.at("/metadata/component/name").asText()).isEqualTo("walletgate-server");
        List<String> components = new ArrayList<>();
        sbom.get("components").forEach(c -> components.add(c.get("name").asText()));
        assertThat(components).contains("walletgate-core", "walletgate-testkit", "AmazonCorrettoCryptoProvider",
                "secp256k1-kmp-jni-jvm-linux", "bcprov-jdk18on", "javalin", "sqlite-jdbc");
    }

    @Test
    void verify_accepts_a_valid_token_and_rejects_a_bad_one_with_exit_codes_0_1_and_2() throws Exception {
        ServiceProcess.Launcher launcher = launcher();
        ServiceProcess.Result version = ServiceProcess.run(launcher, work, Map.of(), "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("walletgate 0.").contains("(Java 17");

        MintedToken login = issuer.web3auth().mint();
        ServiceProcess.Result valid = verify(launcher, login.token(), "--app-pub-key", login.appPublicKey());
        assertThat(valid.exit()).as(valid.err()).isZero();
        JsonNode identity = Http.JSON.readTree(valid.out());
        assertThat(identity.get("valid").asBoolean()).isTrue();
        assertThat(identity.get("issuer").asText()).isEqualTo(issuer.issuer("web3auth"));
        assertThat(identity.at("/wallet/publicKey").asText()).isEqualTo(login.appPublicKey());
        assertThat(identity.at("/wallet/address").asText()).startsWith("0x").hasSize(42);

        MintedToken tampered = issuer.web3auth().tamperedSignature().mint();
        ServiceProcess.Result rejected = verify(launcher, tampered.token(), "--app-pub-key", tampered.appPublicKey());
        assertThat(rejected.exit()).as(rejected.err()).isEqualTo(1);
        assertThat(Http.JSON.readTree(rejected.out()).at("/error/code").asText()).isEqualTo("signature_invalid");

        MintedToken expired = issuer.web3auth().expired().mint();
        ServiceProcess.Result late = verify(launcher, expired.token(), "--app-pub-key", expired.appPublicKey());
        assertThat(late.exit()).isEqualTo(1);
        assertThat(Http.JSON.readTree(late.out()).at("/error/code").asText()).isEqualTo("token_expired");

        ServiceProcess.Result usage = ServiceProcess.run(launcher, work, Map.of(), "verify", login.token());
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("no issuer configured");
    }

    @Test
    void runs_through_a_symbolic_link_as_from_usr_local_bin() throws IOException {
        Path links = Files.createDirectories(work.resolve("links"));
        Path link = links.resolve("walletgate");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, home.resolve("bin/walletgate"));
        // readlink only, from coreutils: still no java on PATH
        Path tools = Files.createDirectories(work.resolve("readlink-only"));
        Files.deleteIfExists(tools.resolve("readlink"));
        Files.createSymbolicLink(tools.resolve("readlink"), Path.of("/usr/bin/readlink"));
        ServiceProcess.Launcher viaLink = new ServiceProcess.Launcher(List.of(link.toString()),
                Map.of("PATH", tools.toString(), "HOME", work.toString()));
        ServiceProcess.Result version = ServiceProcess.run(viaLink, work, Map.of(), "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("walletgate 0.");
    }

    @Test
    void serve_exchanges_a_token_for_a_session_on_the_bundled_runtime_with_native_crypto() throws Exception {
        try (ServiceProcess service = ServiceProcess.serve(launcher(), work, work.resolve("serve.log"), Map.of(),
                "--config", config().toString(), "--port", "0", "--data", work.resolve("data").toString())) {
            long pid = service.process().pid();
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")))
                    .isEqualTo(home.resolve("runtime/bin/java").toRealPath());
            MintedToken login = issuer.web3auth().mint();
            HttpResponse<String> created = Http.send(Http.createSession(service.base(), login.token(),
                    login.appPublicKey()));
            assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
            String address = Http.json(created).at("/identity/wallet/address").asText();
            assertThat(address).startsWith("0x").hasSize(42);
            HttpResponse<String> auth = Http.get(service.uri("/v1/auth"), "Cookie", Http.sessionCookie(created));
            assertThat(auth.statusCode()).as(Http.describe(auth)).isEqualTo(200);
            assertThat(auth.headers().firstValue("X-WalletGate-Wallet")).hasValue(address);
            // ACCP's native library is loaded: the service verifies with it, not with its BouncyCastle fallback
            assertThat(Files.readString(Path.of("/proc/" + pid + "/maps")).toLowerCase())
                    .contains("amazoncorrettocryptoprovider");
        }
    }

    @Test
    void serve_runs_the_demo_with_no_configuration() {
        try (ServiceProcess service = ServiceProcess.serve(launcher(), work, work.resolve("demo.log"), Map.of(),
                "--port", "0", "--data", work.resolve("demo-data").toString())) {
            String mint = service.awaitLine(l -> l.contains("/token ") && l.contains("curl"),
                    Duration.ofSeconds(30));
            URI tokenUri = URI.create(mint.replaceAll(".*(http://127\\.0\\.0\\.1:\\d+/token).*", "$1"));
            HttpResponse<String> minted = Http.send(Http.request(tokenUri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"profile\":\"web3auth\"}")).build());
            assertThat(minted.statusCode()).as(Http.describe(minted)).isEqualTo(200);
            JsonNode token = Http.json(minted);
            HttpResponse<String> created = Http.send(Http.createSession(service.base(), token.get("token").asText(),
                    token.path("appPublicKey").asText(null)));
            assertThat(created.statusCode()).as(Http.describe(created)).isEqualTo(201);
        }
    }

    private ServiceProcess.Result verify(ServiceProcess.Launcher launcher, String token, String... proof)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("verify", "--config", config().toString(), "--json"));
        args.addAll(List.of(proof));
        args.add(token);
        return ServiceProcess.run(launcher, work, Map.of(), args.toArray(String[]::new));
    }

    /**
     * {@code bin/walletgate} with nothing of this machine's environment: an empty {@code PATH}, no {@code JAVA_HOME},
     * and only the trust store of the HTTPS key endpoint as JVM option.
     */
    private static ServiceProcess.Launcher launcher() {
        Path emptyPath = work.resolve("empty-path");
        try {
            Files.createDirectories(emptyPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceProcess.Launcher(List.of(home.resolve("bin/walletgate").toString()), Map.of(
                "PATH", emptyPath.toString(), "HOME", work.toString(),
                "WALLETGATE_JAVA_OPTS", "-Djavax.net.ssl.trustStore=" + truststore
                        + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD));
    }

    /**
     * One web3auth issuer whose keys come from the HTTPS endpoint. The key fetch may take long: the test machine runs
     * the child JVMs, the build and maybe more on two cores.
     */
    private Path config() throws IOException {
        Path config = work.resolve("walletgate.yaml");
        Files.writeString(config, "issuers:\n  - profile: web3auth\n    audience: " + issuer.audience()
                + "\n    jwksUri: " + jwksUri() + "\nkeys: { connectTimeout: 30s, readTimeout: 60s }\n");
        return config;
    }

    private static String jwksUri() {
        return "https://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
    }

    /**
     * An HTTPS endpoint on loopback, with a fresh self-signed P-256 certificate (made by this JDK's keytool), that
     * answers the testkit issuer's web3auth JWKS; the trust store that trusts it is written beside it.
     */
    private static HttpsServer httpsJwks() throws Exception {
        Path keystore = work.resolve("tls.p12");
        truststore = work.resolve("trust.p12");
        Path cert = work.resolve("tls.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(List.of(keytool, "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass",
                PASSWORD, "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2"));
        exec(List.of(keytool, "-exportcert", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-alias", "tls",
                "-file", cert.toString()));
        exec(List.of(keytool, "-importcert", "-noprompt", "-keystore", truststore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-alias", "tls", "-file", cert.toString()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/jwks", exchange -> {
            HttpResponse<String> keys = Http.get(jwksSource.jwksUri("web3auth"));
            byte[] body = keys.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(keys.statusCode(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    }
}
