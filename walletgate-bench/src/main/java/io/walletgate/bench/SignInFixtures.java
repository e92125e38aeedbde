package io.walletgate.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.walletgate.testkit.EthereumTestWallet;
import io.walletgate.testkit.SiweMessageBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Sign-In with Ethereum messages the sign-in benchmarks verify: {@value #POOL} messages of distinct EOAs, signed
 * by the testkit's {@link EthereumTestWallet}, with a statement, a URI and an expiration time (what a dApp's
 * sign-in carries). {@link Fixtures} writes them to {@code siwe.json} once per run; the JMH forks and the Node
 * benchmark of spruceid's {@code siwe} and viem read that file, so all verify the same bytes.
 */
final class SignInFixtures {
    /** Messages per pool: the benchmarks cycle through them. */
    static final int POOL = 1024;
    static final String DOMAIN = "app.example.com";
    static final String ORIGIN = "https://app.example.com";
    /** The instant every message is issued 30 s before, and verified at. */
    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    private SignInFixtures() {
    }

    /** A message and its signature. */
    record Signed(String address, String nonce, String message, String signature) {
    }

    static List<Signed> mint(int count) {
        List<Signed> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            EthereumTestWallet wallet = EthereumTestWallet.random();
            SiweMessageBuilder b = SiweMessageBuilder.of(wallet.address()).withDomain(DOMAIN)
                    .withUri(ORIGIN + "/login").withStatement("Sign in to Example").withNonce("n" + i + "x1234567")
                    .withIssuedAt(AT.minusSeconds(30)).withExpirationTime(AT.plusSeconds(600));
            String message = b.text();
            list.add(new Signed(wallet.address(), b.nonce(), message, wallet.signMessage(message)));
        }
        return list;
    }

    /** {@code {"at","domain","messages":[{"address","nonce","message","signature"},…]}}. */
    static void write(Path file, List<Signed> signed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", AT.toString());
        json.put("domain", DOMAIN);
        json.put("messages", signed.stream().map(s -> Map.of("address", s.address(), "nonce", s.nonce(),
                "message", s.message(), "signature", s.signature())).toList());
        try {
            Files.writeString(file, JSONObjectUtils.toJSONString(json) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pool: read from the fixture directory when {@link Fixtures#PROPERTY} names one, else minted now. */
    static List<Signed> load() {
        String dir = System.getProperty(Fixtures.PROPERTY);
        if (dir == null || dir.isEmpty()) {
            return mint(POOL);
        }
        Path file = Path.of(dir, "siwe.json");
        try {
            List<Signed> list = new ArrayList<>();
            for (Object o : JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(Files.readString(file)), "messages")) {
                Map<?, ?> m = (Map<?, ?>) o;
                list.add(new Signed((String) m.get("address"), (String) m.get("nonce"), (String) m.get("message"),
                        (String) m.get("signature")));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run Fixtures first)", e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + " is not the fixture Fixtures writes", e);
        }
    }
}
