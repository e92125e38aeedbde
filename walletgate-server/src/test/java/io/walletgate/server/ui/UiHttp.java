package io.walletgate.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.walletgate.server.openapi.ApiContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to the web page's endpoints, for the process tests. */
final class UiHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiContract API = ApiContract.load();
    private final HttpClient http = HttpClient.newHttpClient();
    private final UiServer server;

    UiHttp(UiServer server) {
        this.server = server;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, "application/json", headers);
    }

    HttpResponse<String> send(String method, String path, String body, String contentType, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        API.check(r, body); // every exchange conforms to openapi.json
        return r;
    }

    /** {@code POST /ui/api/inspect} with these body members (name, value, …). */
    HttpResponse<String> inspect(String[] members, String... headers) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        for (int i = 0; i < members.length; i += 2) {
            body.put(members[i], members[i + 1]);
        }
        return send("POST", "/ui/api/inspect", body.toString(), "application/json", headers);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** A raw request whose Host header the test chooses (the JDK client will not send another host's name). */
    String rawGet(String path, String host) throws IOException {
        URI u = server.uri(path);
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
