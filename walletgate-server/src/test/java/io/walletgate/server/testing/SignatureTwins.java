package io.walletgate.server.testing;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ECDSA twin of an ES256 token: the same header and payload with the signature's {@code s} replaced by
 * {@code n - s} (P-256's group order from the JDK's curve parameters). It verifies as well as the original, and anyone
 * who holds the token can compute it: a replay that a record keyed on the token string would not see.
 */
public final class SignatureTwins {
    private static final BigInteger N = p256Order();

    private SignatureTwins() {
    }

    /** The twin of an ES256 compact JWS. */
    public static String twin(String token) {
        int dot = token.lastIndexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        if (sig.length != 64) {
            throw new IllegalArgumentException("not an ES256 signature: " + sig.length + " bytes");
        }
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        byte[] other = N.subtract(s).toByteArray();
        byte[] twin = Arrays.copyOf(sig, 64);
        Arrays.fill(twin, 32, 64, (byte) 0);
        int len = Math.min(other.length, 32);
        System.arraycopy(other, other.length - len, twin, 64 - len, len);
        return token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(twin);
    }

    private static BigInteger p256Order() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
