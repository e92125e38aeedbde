package io.walletgate.spring;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC issuer independent of WalletGate: an ES256 key made and used by Nimbus, its public JWKS served by the JDK's
 * HTTP server on a free loopback port. {@link #hold} makes key requests wait until {@link #release}, as an issuer
 * that has stopped answering does.
 */
public final class NimbusIssuer implements AutoCloseable {
    public static final String ISSUER = "https://nimbus.example.com";

    private final ECKey key;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger keyRequests = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private NimbusIssuer() throws IOException, JOSEException {
        key = new ECKeyGenerator(Curve.P_256).keyID("nimbus-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/jwks", exchange -> {
            keyRequests.incrementAndGet();
            try {
                gate.await(2, TimeUnit.MINUTES); // bounded: a test that forgets release() still ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
    }

    /** A started issuer. */
    public static NimbusIssuer start() {
        try {
            return new NimbusIssuer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    /** A token for {@code audience} and {@code subject}, issued now, valid for an hour. */
    public String mint(String audience, String subject) {
        return mint(ISSUER, audience, subject);
    }

    /** A token of another {@code issuer} (signed with this issuer's key), issued now, valid for an hour. */
    public String mint(String issuer, String audience, String subject) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1)))).build());
    }

    /** A token that expired a day ago. */
    public String mintExpired(String audience, String subject) {
        Instant then = Instant.now().minus(Duration.ofDays(1));
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject(subject)
                .issueTime(Date.from(then)).expirationTime(Date.from(then.plus(Duration.ofHours(1)))).build());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key requests wait from now on, until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Key requests waiting, and later ones, are answered. */
    public void release() {
        gate.countDown();
    }

    /** How many key requests arrived (answered or waiting). */
    public int keyRequests() {
        return keyRequests.get();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
