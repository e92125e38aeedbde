package io.walletgate.server.ui;

import static io.walletgate.server.ui.UiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.ui} against {@code walletgate serve} as a process: {@code auto} serves the page on loopback binds
 * only, {@code on} serves it on any bind and then asks for the admin token, {@code off} never serves it, and
 * {@code on} without an admin token on a non-loopback bind refuses to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiExposureIT {
    private DevIssuer issuer;

    @BeforeAll
    void start() {
        issuer = DevIssuer.start();
    }

    @AfterAll
    void stop() {
        issuer.close();
    }

    @Test
    void auto_serves_no_page_on_a_non_loopback_bind(@TempDir Path dir) throws Exception {
        try (UiServer server = UiServer.start(dir, issuer, "bind: 0.0.0.0", "adminToken: " + UiServer.ADMIN)) {
            UiHttp http = new UiHttp(server);
            for (String path : List.of("/", "/ui", "/ui/keys", "/ui/app.js", "/ui/api/keys", "/ui/api/access")) {
                assertThat(http.get(path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(http.get("/ui/api/keys", "Authorization", "Bearer " + UiServer.ADMIN).statusCode())
                    .isEqualTo(404);
            assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(server.output()).doesNotContain("web page");
        }
    }

    @Test
    void on_serves_the_page_on_a_non_loopback_bind_with_its_api_behind_the_admin_token(@TempDir Path dir)
            throws Exception {
        try (UiServer server = UiServer.start(dir, issuer, "bind: 0.0.0.0", "ui: on",
                "adminToken: " + UiServer.ADMIN)) {
            UiHttp http = new UiHttp(server);
            assertThat(http.get("/").statusCode()).isEqualTo(200);
            assertThat(http.get("/").headers().firstValue("Content-Security-Policy")).hasValue(UiRoutes.CSP);
            assertThat(json(http.get("/ui/api/access")).get("adminTokenRequired").asBoolean()).isTrue();

            assertThat(http.get("/ui/api/keys").statusCode()).isEqualTo(401);
            assertThat(json(http.get("/ui/api/keys")).at("/error/code").asText()).isEqualTo("token_missing");
            assertThat(json(http.get("/ui/api/keys")).at("/error/message").asText())
                    .isEqualTo("no admin token was presented");
            assertThat(http.get("/ui/api/keys", "Authorization", "Bearer " + UiServer.ADMIN + "x").statusCode())
                    .isEqualTo(401);
            assertThat(json(http.get("/ui/api/keys", "Authorization", "Bearer " + UiServer.ADMIN + "x"))
                    .at("/error/code").asText()).isEqualTo("admin_token_invalid");
            assertThat(http.get("/ui/api/keys", "Authorization", "Bearer " + UiServer.ADMIN).statusCode())
                    .isEqualTo(200);

            MintedToken login = issuer.web3auth().mint();
            String[] body = {"token", login.token()};
            assertThat(http.inspect(body).statusCode()).isEqualTo(401);
            assertThat(http.inspect(body, "Authorization", "Session " + UiServer.ADMIN).statusCode()).isEqualTo(401);
            assertThat(json(http.inspect(body, "Authorization", "Bearer " + UiServer.ADMIN))
                    .at("/result/valid").asBoolean()).isTrue();
            assertThat(server.output()).contains("web page (token inspector, key health)")
                    .doesNotContain(login.token()).doesNotContain(UiServer.ADMIN);
        }
    }

    @Test
    void off_serves_no_page_even_on_loopback(@TempDir Path dir) throws Exception {
        try (UiServer server = UiServer.start(dir, issuer, "ui: off")) {
            UiHttp http = new UiHttp(server);
            for (String path : List.of("/", "/ui", "/ui/keys", "/ui/api/keys")) {
                assertThat(http.get(path).statusCode()).as(path).isEqualTo(404);
            }
            assertThat(http.inspect(new String[] {"token", "a.b.c"}).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void on_without_an_admin_token_on_a_non_loopback_bind_refuses_to_start(@TempDir Path dir) throws Exception {
        List<String> output = new ArrayList<>();
        int exit = UiServer.refusal(dir, issuer, output, "bind: 0.0.0.0", "ui: on");
        assertThat(exit).isEqualTo(2);
        assertThat(String.join("\n", output)).contains("server: 'ui' is on and 'bind' 0.0.0.0 is not a loopback"
                + " address: set 'adminToken'").doesNotContain("walletgate listening");
    }
}
