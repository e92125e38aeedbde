package io.walletgate.signin;

import io.walletgate.ErrorCode;
import io.walletgate.WalletVerificationException;
import io.walletgate.internal.keys.LimitedBodySubscriber;
import io.walletgate.internal.token.BoundedJson;
import io.walletgate.internal.wallet.WalletKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code eth_call} over JSON-RPC with limits: a connect timeout, the whole response within the read timeout, at most
 * {@code maxBytes} read, no redirects, HTTP 200 with a JSON-RPC 2.0 response carrying our id. Every other outcome is
 * {@code chain_unavailable}, never an answer: a revert is the one error that is the contract's verdict (JSON-RPC
 * error code 3, EIP-1474, or a message saying "execution reverted", as Geth writes a revert without data). Messages
 * name the chain and the endpoint's host only: RPC URLs often carry an API key in their path. At most
 * {@code maxInFlight} calls wait at once (a bulkhead): beyond, a call is {@code chain_unavailable} at once, so that a
 * slow chain holds at most that many of the caller's threads, each for the read timeout at most.
 */
final class JsonRpcClient {
    private final HttpClient http;
    private final Duration readTimeout;
    private final int maxBytes;
    private final int maxInFlight;
    private final Semaphore inFlight;

    JsonRpcClient(Duration connectTimeout, Duration readTimeout, int maxBytes, int maxInFlight) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.readTimeout = readTimeout;
        this.maxBytes = maxBytes;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** What a call returned: its data, or that it reverted. */
    record Outcome(byte[] returned, boolean reverted) {
    }

    /**
     * {@code eth_call} at the latest block.
     *
     * @param to the contract, or null to run {@code data} as creation code (a deployless call)
     * @throws WalletVerificationException {@code chain_unavailable} when the endpoint fails to answer a call result
     */
    Outcome call(long chainId, URI endpoint, byte[] to, byte[] data) {
        if (!inFlight.tryAcquire()) {
            throw unavailable(chainId, endpoint, "was not asked: " + maxInFlight + " calls are already waiting for"
                    + " the chains (rpcMaxInFlight); try again", null);
        }
        try {
            return send(chainId, endpoint, to, data);
        } finally {
            inFlight.release();
        }
    }

    private Outcome send(long chainId, URI endpoint, byte[] to, byte[] data) {
        String tx = (to == null ? "{" : "{\"to\":\"0x" + WalletKeys.hex(to) + "\",") + "\"data\":\"0x"
                + WalletKeys.hex(data) + "\"}";
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[" + tx + ",\"latest\"]}";
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, info -> info.statusCode() == 200
                        ? new LimitedBodySubscriber(maxBytes) : HttpResponse.BodySubscribers.replacing(new byte[0]));
        HttpResponse<byte[]> r;
        try {
            // the request timeout covers the wait for headers only; this bounds the whole response
            r = response.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw unavailable(chainId, endpoint, "did not answer within " + readTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.cancel(true);
            throw unavailable(chainId, endpoint, "was not asked: the thread was interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof LimitedBodySubscriber.TooLargeException) {
                throw unavailable(chainId, endpoint, "answered more than " + maxBytes + " bytes", null);
            }
            throw unavailable(chainId, endpoint, cause instanceof HttpTimeoutException
                    ? "did not answer within " + readTimeout.toMillis() + " ms"
                    : "could not be reached (" + cause.getClass().getSimpleName() + ")", cause);
        }
        if (r.statusCode() != 200) {
            throw unavailable(chainId, endpoint, "answered HTTP " + r.statusCode(), null);
        }
        return outcome(chainId, endpoint, r.body());
    }

    private static Outcome outcome(long chainId, URI endpoint, byte[] body) {
        Map<String, Object> json;
        try {
            json = BoundedJson.parseObject(body, 8, 64);
        } catch (BoundedJson.JsonException e) {
            throw unavailable(chainId, endpoint, "answered something that is not a JSON-RPC response ("
                    + e.getMessage() + ")", null);
        }
        if (!"2.0".equals(json.get("jsonrpc")) || !Long.valueOf(1).equals(json.get("id"))) {
            throw unavailable(chainId, endpoint, "answered a JSON object that is not the JSON-RPC 2.0 response to"
                    + " this call", null);
        }
        Object error = json.get("error");
        if (error instanceof Map) {
            Map<?, ?> e = (Map<?, ?>) error;
            Object code = e.get("code");
            String message = e.get("message") instanceof String ? (String) e.get("message") : "";
            if (Long.valueOf(3).equals(code) || message.toLowerCase(Locale.ROOT).contains("execution reverted")) {
                return new Outcome(null, true);
            }
            // the endpoint's own words are not repeated: they reach clients, and may echo anything
            throw unavailable(chainId, endpoint, "answered JSON-RPC error " + code, null);
        }
        Object result = json.get("result");
        byte[] data = result instanceof String ? hex((String) result) : null;
        if (data == null) {
            throw unavailable(chainId, endpoint, "answered a result that is not 0x-prefixed hex", null);
        }
        return new Outcome(data, false);
    }

    private static byte[] hex(String s) {
        if ("0x".equals(s)) {
            return new byte[0];
        }
        return s.startsWith("0x") ? WalletKeys.parseHex(s) : null;
    }

    static WalletVerificationException unavailable(long chainId, URI endpoint, String problem, Throwable cause) {
        return new WalletVerificationException(ErrorCode.CHAIN_UNAVAILABLE,
                "chain " + chainId + ": the JSON-RPC endpoint at " + endpoint.getHost() + " " + problem, cause);
    }
}
