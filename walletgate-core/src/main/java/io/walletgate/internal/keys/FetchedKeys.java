package io.walletgate.internal.keys;

import io.walletgate.keys.JwkSet;
import java.time.Duration;

/**
 * One successful fetch.
 *
 * @param set the parsed keys
 * @param body the document as served, to persist
 * @param maxAge the response's {@code Cache-Control: max-age}, or null when it gave none
 */
public record FetchedKeys(JwkSet set, byte[] body, Duration maxAge) {
}
