package io.walletgate.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.IssuerProfile;
import io.walletgate.IssuerProfiles;
import io.walletgate.TestIssuer;
import io.walletgate.WalletVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The issuers the verifier fuzz targets trust: the Node jose fixture issuers (and the real Web3Auth key) as they
 * were when the committed corpus was seeded ({@value #RESOURCE}, written by {@link FuzzCorpusSeedsTest}), so that the
 * seed tokens keep verifying after {@code generate.mjs} mints new keys. All keys are static: no network.
 */
final class FuzzIssuers {
    /** Class-path resource: {@code now} and the issuers (profile, iss, audience, public JWKS). */
    static final String RESOURCE = "/fuzz/issuers.json";
    static final ObjectMapper JSON = new ObjectMapper();

    /** One trusted issuer. */
    record Issuer(String name, String profile, String iss, String audience, JsonNode jwks) {
    }

    final Instant now;
    final List<Issuer> issuers;

    private FuzzIssuers(Instant now, List<Issuer> issuers) {
        this.now = now;
        this.issuers = issuers;
    }

    static FuzzIssuers load() {
        try (InputStream in = FuzzIssuers.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: run FuzzCorpusSeedsTest (see docs/reliability.md)");
            }
            return of(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The issuers of a document shaped like {@value #RESOURCE} or the jose fixtures ({@code now}, {@code issuers}). */
    static FuzzIssuers of(JsonNode root) {
        List<Issuer> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("issuers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode i = e.getValue();
            list.add(new Issuer(e.getKey(), i.get("profile").asText(), i.get("iss").asText(),
                    i.get("audience").asText(), i.get("jwks")));
        }
        return new FuzzIssuers(Instant.ofEpochSecond(root.get("now").asLong()), List.copyOf(list));
    }

    Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    /** A verifier trusting every issuer with its committed JWKS. */
    WalletVerifier verifier() {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(clock());
        issuers.forEach(i -> b.issuer(profile(i).withJwks(i.jwks().toString())));
        return b.build();
    }

    /**
     * A verifier trusting every issuer with keys of {@code signers} instead: for each issuer, one fresh key of its
     * algorithm under each kid its JWKS names (so seed headers select them), held in {@code signers} by kid.
     */
    WalletVerifier signingVerifier(Map<String, TestIssuer> signers) {
        WalletVerifier.Builder b = WalletVerifier.builder().clock(clock());
        for (Issuer i : issuers) {
            List<TestIssuer> keys = new ArrayList<>();
            for (JsonNode jwk : i.jwks().get("keys")) {
                String kid = jwk.get("kid").asText();
                TestIssuer signer = signers.computeIfAbsent(kid, k -> TestIssuer.create(algorithm(i), k));
                keys.add(signer);
            }
            b.issuer(profile(i).withJwks(TestIssuer.jwks(keys.toArray(TestIssuer[]::new))));
        }
        return b.build();
    }

    /** The audience each iss expects, for the identity invariants. */
    Map<String, String> audienceByIss(WalletVerifier verifier) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Issuer i : issuers) {
            for (String iss : byName(verifier, TestIssuer.issuerAccepting(verifier, i.iss())).acceptedIssuers()) {
                m.put(iss, i.audience());
            }
        }
        return m;
    }

    /** The issuer's one algorithm: the JWK's {@code alg}, else what its key type implies. */
    static String algorithm(Issuer i) {
        JsonNode jwk = i.jwks().get("keys").get(0);
        if (jwk.hasNonNull("alg")) {
            return jwk.get("alg").asText();
        }
        String kty = jwk.get("kty").asText();
        String crv = jwk.path("crv").asText("");
        if ("EC".equals(kty)) {
            return "P-384".equals(crv) ? "ES384" : "ES256";
        }
        return "OKP".equals(kty) ? "EdDSA" : "RS256";
    }

    /** The issuer's WalletGate profile as an application would configure it, without its key source. */
    static IssuerProfile profile(Issuer i) {
        switch (i.profile()) {
            case "web3auth":
                return IssuerProfiles.web3auth(i.audience());
            case "web3auth-legacy":
                return IssuerProfiles.web3authLegacy(i.audience());
            case "web3auth-external":
                return IssuerProfiles.web3authExternal(i.audience()).withConnectors("metamask");
            case "sequence-oms":
                return IssuerProfiles.sequenceOms(i.iss(), i.audience());
            case "sequence-waas":
                return IssuerProfiles.sequenceWaas(i.audience());
            case "nopwd":
                return IssuerProfiles.nopwd(i.audience());
            default:
                return IssuerProfiles.oidc(i.iss()).withName(i.name()).withAudience(i.audience())
                        .withAlgorithms(algorithm(i));
        }
    }

    private static io.walletgate.IssuerProfile byName(WalletVerifier verifier, String name) {
        return verifier.issuers().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
