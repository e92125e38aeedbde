package io.walletgate.server.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.walletgate.server.config.ConfigException;
import io.walletgate.server.config.ConfigLoader;
import io.walletgate.server.config.WalletGateConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiAccessTest {
    @TempDir
    Path dir;

    private WalletGateConfig.Server server(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("walletgate.yaml");
        Files.writeString(file, "issuers: [{profile: nopwd, audience: a.com}]\n" + yaml);
        return ConfigLoader.load(file, env).server();
    }

    private static WalletGateConfig.Server server(String bind, String ui, String adminToken) {
        return new WalletGateConfig.Server(8080, bind, Path.of("data"), adminToken, List.of(), ui);
    }

    @Test
    void server_ui_defaults_to_auto_and_reads_on_off_from_yaml_and_the_environment() throws Exception {
        assertThat(server("", Map.of()).ui()).isEqualTo("auto");
        assertThat(server("server: { ui: on }", Map.of()).ui()).isEqualTo("on");   // YAML 1.1 reads a boolean
        assertThat(server("server: { ui: off }", Map.of()).ui()).isEqualTo("off");
        assertThat(server("server: { ui: \"on\" }", Map.of()).ui()).isEqualTo("on");
        assertThat(server("server: { ui: AUTO }", Map.of()).ui()).isEqualTo("auto");
        assertThat(server("", Map.of("WALLETGATE_SERVER_UI", "off")).ui()).isEqualTo("off");
        assertThat(new WalletGateConfig.Server(8080, "127.0.0.1", Path.of("data"), null, List.of()).ui())
                .isEqualTo("auto");
    }

    @Test
    void server_ui_refuses_other_values_naming_the_field() {
        assertThatThrownBy(() -> server("server: { ui: maybe }", Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("server: 'ui' must be auto, on or off, not 'maybe'");
    }

    @Test
    void auto_serves_the_page_on_loopback_binds_only() {
        for (String bind : List.of("127.0.0.1", "127.0.0.2", "::1", "localhost")) {
            assertThat(UiAccess.of(server(bind, "auto", null)).enabled()).as(bind).isTrue();
        }
        for (String bind : List.of("0.0.0.0", "::", "192.0.2.10")) {
            assertThat(UiAccess.of(server(bind, "auto", "admin-token-0123456789")).enabled()).as(bind).isFalse();
        }
        assertThat(UiAccess.of(server("127.0.0.1", "off", null)).enabled()).isFalse();
        assertThat(UiAccess.of(server("0.0.0.0", "on", "admin-token-0123456789")).enabled()).isTrue();
        assertThat(UiRoutes.enabled(server("0.0.0.0", "on", "admin-token-0123456789"))).isTrue();
        assertThat(UiRoutes.enabled(server("0.0.0.0", "auto", null))).isFalse();
    }

    @Test
    void on_off_loopback_needs_an_admin_token() {
        assertThatThrownBy(() -> UiAccess.of(server("0.0.0.0", "on", null))).isInstanceOf(ConfigException.class)
                .hasMessage("server: 'ui' is on and 'bind' 0.0.0.0 is not a loopback address: set 'adminToken' (the"
                        + " page then asks for it), or set 'ui' to auto or off");
    }

    @Test
    void on_loopback_only_requests_straight_from_this_machine_skip_the_admin_token() {
        UiAccess local = UiAccess.of(server("127.0.0.1", "auto", null));
        for (String host : List.of("localhost:8080", "127.0.0.1:8080", "127.0.0.1", "[::1]:8080", "LOCALHOST")) {
            assertThat(local.adminTokenRequired(headers("Host", host))).as(host).isFalse();
        }
        for (String host : List.of("rebind.example:8080", "localhost.example.com", "127.0.0.1.nip.io:8080",
                "10.0.0.1:8080", "")) {
            assertThat(local.adminTokenRequired(headers("Host", host))).as(host).isTrue();
        }
        assertThat(local.adminTokenRequired(headers())).isTrue();
        for (String proxy : List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP")) {
            assertThat(local.adminTokenRequired(headers("Host", "localhost:8080", proxy, "203.0.113.9")))
                    .as(proxy).isTrue();
        }
        UiAccess exposed = UiAccess.of(server("0.0.0.0", "on", "admin-token-0123456789"));
        assertThat(exposed.adminTokenRequired(headers("Host", "localhost:8080"))).isTrue();
    }

    private static java.util.function.UnaryOperator<String> headers(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i].toLowerCase(java.util.Locale.ROOT), pairs[i + 1]);
        }
        return name -> m.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
