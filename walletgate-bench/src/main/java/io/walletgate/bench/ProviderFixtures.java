package io.walletgate.bench;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token pools of the provider rows (docs/architecture.md §12): each provider's shape minted by the testkit's dev
 * issuer, a fresh token and wallet each, with the key a backend would configure (the dashboard's PEM; none for
 * Magic). Written once to {@code providers.json}, read by {@link ProviderBench} and by the Node SDKs' bench
 * ({@code walletgate-testkit/src/test/node-providers/bench.mjs}), so both verify the very same tokens.
 *
 * <p>Usage: {@code java -cp … io.walletgate.bench.ProviderFixtures DIR}
 */
public final class ProviderFixtures {
    /** The profiles measured, in the page's order. */
    static final List<String> PROFILES = List.of("privy", "dynamic", "para", "magic");
    static final int POOL = 256;

    private ProviderFixtures() {
    }

    /** One profile's pool. */
    record Pool(String profile, String audience, String pem, List<String> tokens, List<String> addresses) {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> profiles = new ArrayList<>();
        try (DevIssuer issuer = DevIssuer.start()) {
            root.put("audience", issuer.audience());
            root.put("dynamicEnvironmentId", DevIssuer.DYNAMIC_ENVIRONMENT_ID);
            for (String profile : PROFILES) {
                List<Object> tokens = new ArrayList<>();
                for (int i = 0; i < POOL; i++) {
                    MintedToken t = issuer.token(profile).mint();
                    tokens.add(Map.of("token", t.token(), "address", t.address()));
                }
                Map<String, Object> p = new HashMap<>();
                p.put("profile", profile);
                p.put("pem", profile.equals("magic") ? null : issuer.verificationKey(profile));
                p.put("tokens", tokens);
                profiles.add(p);
            }
        }
        root.put("profiles", profiles);
        Files.writeString(dir.resolve("providers.json"), JSONObjectUtils.toJSONString(root) + "\n",
                StandardCharsets.UTF_8);
        System.out.println("provider fixtures: " + PROFILES.size() + " pools of " + POOL + " in " + dir);
    }

    /** The pool of {@code profile} from {@code -Dwalletgate.bench.fixtures}. */
    @SuppressWarnings("unchecked")
    static Pool load(String profile) {
        Path file = Path.of(System.getProperty("walletgate.bench.fixtures", "target/bench-results/fixtures"))
                .resolve("providers.json");
        Map<String, Object> root;
        try {
            root = JSONObjectUtils.parse(Files.readString(file));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("no provider fixtures at " + file + ": run ProviderFixtures first", e);
        }
        for (Object o : (List<Object>) root.get("profiles")) {
            Map<String, Object> p = (Map<String, Object>) o;
            if (profile.equals(p.get("profile"))) {
                List<String> tokens = new ArrayList<>();
                List<String> addresses = new ArrayList<>();
                for (Object t : (List<Object>) p.get("tokens")) {
                    tokens.add((String) ((Map<String, Object>) t).get("token"));
                    addresses.add((String) ((Map<String, Object>) t).get("address"));
                }
                return new Pool(profile, (String) root.get("audience"), (String) p.get("pem"), tokens, addresses);
            }
        }
        throw new IllegalStateException("no pool for " + profile + " in " + file);
    }
}
