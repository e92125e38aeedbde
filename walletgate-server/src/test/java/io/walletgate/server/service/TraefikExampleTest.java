package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.walletgate.server.ProjectFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Traefik example cannot be run here (no Traefik package on Debian, npm or Maven), so this reads it and holds it
 * to what the tested examples do: the same forward-auth path, the same identity headers as the Caddyfile's
 * {@code copy_headers} and nginx's {@code auth_request_set}, the client's proof headers passed to WalletGate and
 * removed on the way to the application, the same two WalletGate routes exposed, and the middlewares in that order.
 */
class TraefikExampleTest {
    private static final String EXAMPLE = "examples/traefik/walletgate.yml";

    private static JsonNode traefik() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(ProjectFiles.read(EXAMPLE)).path("http");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The identity headers the Caddy example copies from WalletGate's answer (tested against a real Caddy). */
    private static List<String> caddyIdentityHeaders() {
        Matcher m = Pattern.compile("copy_headers ([^\\n]+)").matcher(ProjectFiles.read(Caddy.EXAMPLE));
        assertThat(m.find()).as("copy_headers in %s", Caddy.EXAMPLE).isTrue();
        return List.of(m.group(1).strip().split("\\s+"));
    }

    @Test
    void forward_auth_asks_walletgate_and_copies_the_identity_headers_the_tested_examples_copy() throws IOException {
        JsonNode auth = traefik().at("/middlewares/walletgate-auth/forwardAuth");
        assertThat(auth.path("address").asText()).endsWith("/v1/auth");
        assertThat(auth.path("trustForwardHeader").asBoolean(true)).isFalse();
        List<String> identity = caddyIdentityHeaders();
        assertThat(texts(auth.path("authResponseHeaders"))).containsExactlyElementsOf(identity);

        Set<String> nginx = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$upstream_http_(x_walletgate_\\w+)").matcher(ProjectFiles.read(Nginx.EXAMPLE));
        while (m.find()) {
            nginx.add(m.group(1).replace('_', '-'));
        }
        assertThat(nginx).containsExactlyElementsOf(identity.stream().map(String::toLowerCase).toList());

        assertThat(texts(auth.path("authRequestHeaders"))).as("WalletGate reads the credential and the proof")
                .containsExactlyInAnyOrder("Authorization", "Cookie", "X-WalletGate-App-Pub-Key",
                        "X-WalletGate-Address");
    }

    @Test
    void the_application_gets_neither_the_clients_proof_nor_underscore_spellings() throws IOException {
        JsonNode http = traefik();
        assertThat(texts(http.at("/routers/app/middlewares"))).as("the check first, then the clean-up")
                .containsExactly("walletgate-auth", "walletgate-app-headers");
        JsonNode removed = http.at("/middlewares/walletgate-app-headers/headers/customRequestHeaders");
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = removed.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            assertThat(removed.get(name).asText()).as("%s: an empty value removes it", name).isEmpty();
            names.add(name);
        }
        List<String> expected = new ArrayList<>(List.of("X-WalletGate-App-Pub-Key", "X-WalletGate-Address"));
        caddyIdentityHeaders().forEach(h -> expected.add(h.replace('-', '_')));
        expected.add("X_WalletGate_App_Pub_Key");
        expected.add("X_WalletGate_Address");
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void only_the_session_and_sign_in_routes_of_walletgate_are_exposed() throws IOException {
        JsonNode routers = traefik().path("routers");
        List<String> toWalletGate = new ArrayList<>();
        routers.forEach(r -> {
            if (r.path("service").asText().equals("walletgate")) {
                toWalletGate.add(r.path("rule").asText());
            }
        });
        assertThat(toWalletGate).containsExactly(
                "Host(`app.example.com`) && (Path(`/v1/sessions`) || Path(`/v1/sessions/current`)"
                        + " || Path(`/v1/siwe/nonce`) || Path(`/v1/siwe/sessions`) || Path(`/v1/siws/nonce`)"
                        + " || Path(`/v1/siws/sessions`))");
        assertThat(routers.at("/walletgate-sessions/priority").asInt())
                .isGreaterThan(routers.at("/app/priority").asInt());
    }
}
