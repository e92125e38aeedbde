package io.walletgate.server.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.walletgate.testkit.DevIssuer;
import io.walletgate.testkit.MintedToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, item 3: slow clients are cut off. Against {@code walletgate serve}, 300 real loopback sockets trickle their
 * request one byte at a time (200 their headers, 100 their body into {@code /v1/verify}), each byte well within the
 * idle timeout, so that only the bound on a request's arrival ({@code server.requestReadTimeout}) can end them. While
 * they are open, legitimate requests keep being answered; every slow connection is closed by the service. Bounded
 * (at most 600 rounds of one byte each), with no timing assertion.
 */
class SlowClientsIT {
    private static final int SLOW_HEADERS = 200;
    private static final int SLOW_BODIES = 100;
    private static final int MAX_ROUNDS = 600;

    private DevIssuer issuer;
    private ServiceProcess service;
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (service != null) {
            service.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void connections_that_trickle_their_headers_or_body_are_closed_while_legitimate_requests_are_served(
            @TempDir Path dir) throws Exception {
        issuer = DevIssuer.start();
        Path config = ServiceProcess.web3authConfig(dir, issuer, "server: {requestReadTimeout: 5s}");
        service = ServiceProcess.serve(dir, dir.resolve("serve.log"), "--config", config.toString(), "--port", "0",
                "--data", dir.resolve("data").toString());
        List<Slow> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_HEADERS; i++) {
            slow.add(open("GET /v1/auth HTTP/1.1\r\nHost: walletgate\r\nX-Slow: "));
        }
        for (int i = 0; i < SLOW_BODIES; i++) {
            slow.add(open("POST /v1/verify HTTP/1.1\r\nHost: walletgate\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{\"token\":\""));
        }

        MintedToken token = issuer.web3auth().mint();
        int rounds = 0;
        int served = 0;
        while (slow.stream().anyMatch(s -> s.open) && rounds < MAX_ROUNDS) {
            rounds++;
            for (Slow s : slow) {
                s.trickle();
            }
            HttpResponse<String> legitimate = Http.get(service.uri("/v1/auth"), "Authorization",
                    "Bearer " + token.token());
            assertThat(legitimate.statusCode()).as("a legitimate request among %d slow connections",
                    slow.stream().filter(s -> s.open).count()).isEqualTo(200);
            served++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250)); // the attacker's pace: a byte per socket
        }
        assertThat(slow).as("slow connections still open after %d rounds", rounds).noneMatch(s -> s.open);
        assertThat(served).isEqualTo(rounds);
        assertThat(Http.get(service.uri("/healthz")).statusCode()).isEqualTo(200);
    }

    private Slow open(String start) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 10_000);
        socket.setSoTimeout(1);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new Slow(socket);
    }

    /** One attacker's connection: one more byte a round, until the service closes it. */
    private static final class Slow {
        private final Socket socket;
        private boolean open = true;

        Slow(Socket socket) {
            this.socket = socket;
        }

        void trickle() {
            if (!open) {
                return;
            }
            try {
                InputStream in = socket.getInputStream();
                try {
                    if (in.read(new byte[512]) < 0) {
                        open = false; // the service closed it (it may have answered 408 first)
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    // nothing to read yet: still open
                }
                OutputStream out = socket.getOutputStream();
                out.write('a');
                out.flush();
            } catch (IOException e) {
                open = false; // reset by the service
            }
        }
    }
}
