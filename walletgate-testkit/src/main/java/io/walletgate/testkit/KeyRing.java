package io.walletgate.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys of one provider on the dev issuer: the current key, which signs and is listed first, and the keys it
 * replaced, still published until they are retired. Safe for the server threads that read it while a test rotates.
 */
final class KeyRing {
    private record State(SigningKey current, List<SigningKey> previous) {
    }

    private final String algorithm;
    private final AtomicReference<State> state;

    KeyRing(String algorithm) {
        this.algorithm = algorithm;
        this.state = new AtomicReference<>(new State(SigningKey.generate(algorithm), List.of()));
    }

    String algorithm() {
        return algorithm;
    }

    SigningKey current() {
        return state.get().current();
    }

    /** Makes a new current key; the old one stays published. Returns the new key's kid. */
    String rotate() {
        SigningKey fresh = SigningKey.generate(algorithm);
        state.updateAndGet(s -> {
            List<SigningKey> previous = new ArrayList<>();
            previous.add(s.current());
            previous.addAll(s.previous());
            return new State(fresh, List.copyOf(previous));
        });
        return fresh.kid();
    }

    /** Stops publishing every key but the current one. */
    void retireOld() {
        state.updateAndGet(s -> new State(s.current(), List.of()));
    }

    /** The published kids, current first. */
    List<String> kids() {
        List<String> kids = new ArrayList<>();
        published().forEach(k -> kids.add(k.kid()));
        return List.copyOf(kids);
    }

    /** The JWKS document members: {@code {"keys":[…]}}, current key first. */
    Map<String, Object> jwks(boolean withAlgAndUse) {
        List<Object> keys = new ArrayList<>();
        published().forEach(k -> keys.add(k.jwk(withAlgAndUse)));
        return Map.of("keys", keys);
    }

    private List<SigningKey> published() {
        State s = state.get();
        List<SigningKey> all = new ArrayList<>();
        all.add(s.current());
        all.addAll(s.previous());
        return all;
    }
}
