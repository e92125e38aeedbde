package io.walletgate.server.cli;

import io.walletgate.testkit.DevIssuer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code walletgate dev-issuer}: the testkit's local issuer as a process, for frontend and backend development. */
@Command(name = "dev-issuer", mixinStandardHelpOptions = true,
        description = "Run a local issuer on 127.0.0.1 that serves each profile's JWKS and mints provider-shaped "
                + "tokens (POST /token). FOR DEVELOPMENT AND TESTS ONLY: its tokens prove nothing.",
        footer = {"", "Examples:",
            "  walletgate dev-issuer --profile web3auth --port 9000",
            "  walletgate dev-issuer --profile privy     # also dynamic, para, magic",
            "  curl -s http://127.0.0.1:9000/token -H 'Content-Type: application/json' \\",
            "      -d '{\"profile\":\"web3auth\",\"wallets\":2,\"defects\":[\"expired\"]}'",
            "", "Defects for negative tests (\"defects\" in POST /token): expired, wrongAudience,",
            "tamperedSignature, derSignature, signedByOtherKey, algNone, unknownKid.",
            "", "It runs until interrupted (Ctrl-C)."})
final class DevIssuerCommand implements Callable<Integer> {
    private static final String PORT_REMEDY = "choose another with --port, or leave it out for a free one";

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "P", defaultValue = "web3auth",
            description = "The profile to describe on start and to mint by default (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--audience", paramLabel = "A", defaultValue = DevIssuer.DEFAULT_AUDIENCE,
            description = "The aud of minted tokens (default: ${DEFAULT-VALUE}).")
    String audience;

    @Override
    public Integer call() throws InterruptedException {
        if (!DevIssuer.PROFILES.contains(profile)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--profile must be one of "
                    + String.join(", ", DevIssuer.PROFILES) + ", not '" + profile + "'");
        }
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535");
        }
        Ports.requireFree("127.0.0.1", port, PORT_REMEDY);
        DevIssuer issuer;
        try {
            issuer = DevIssuer.builder().port(port).audience(audience).defaultProfile(profile).start();
        } catch (RuntimeException e) {
            if (Ports.isInUse(e)) { // taken between the check and the start
                throw Ports.inUse("127.0.0.1", port, PORT_REMEDY);
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            issuer.close();
            stopped.countDown();
        }, "dev-issuer-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(issuer.usage(profile));
        out.println("other profiles: POST /token with {\"profile\": one of " + DevIssuer.PROFILES + "}; GET "
                + issuer.baseUri() + "/ lists them. Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }
}
