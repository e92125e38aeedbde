package io.walletgate.internal.wallet;

import java.util.Arrays;

/**
 * Chooses, once per JVM, what decodes secp256k1 points: libsecp256k1 ({@link NativeSecp256k1}) when its bindings are
 * on the class path, load on this platform and decode the generator point exactly as BouncyCastle does; otherwise
 * BouncyCastle ({@link BouncyCastleSecp256k1}). The system property {@code walletgate.crypto.disableNative=true}
 * (which also skips the native signature provider) keeps BouncyCastle. The choice is logged once, at INFO, on the
 * logger {@code io.walletgate.crypto}.
 */
public final class Secp256k1Decoders {
    private static final System.Logger LOG = System.getLogger("io.walletgate.crypto");
    private static final String GENERATOR = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

    private static volatile Secp256k1Decoder chosen;

    private Secp256k1Decoders() {
    }

    /** What decodes secp256k1 points in this JVM. */
    static Secp256k1Decoder chosen() {
        Secp256k1Decoder d = chosen;
        if (d == null) {
            synchronized (Secp256k1Decoders.class) {
                d = chosen;
                if (d == null) {
                    d = choose();
                    chosen = d;
                }
            }
        }
        return d;
    }

    /** {@return whether secp256k1 points are decoded by the native libsecp256k1 in this JVM} */
    public static boolean isNative() {
        return chosen() instanceof NativeSecp256k1;
    }

    /** {@return what decodes secp256k1 points in this JVM, in words} */
    public static String description() {
        return chosen().description();
    }

    /** The native decoder when it loads and is healthy, else null (and the reason logged at DEBUG). */
    static NativeSecp256k1 loadNative() {
        if (Boolean.getBoolean("walletgate.crypto.disableNative")) {
            return null;
        }
        try {
            NativeSecp256k1 n = NativeSecp256k1.load();
            byte[] g = WalletKeys.parseHex(GENERATOR);
            byte[] expected = BouncyCastleSecp256k1.INSTANCE.uncompressed(g);
            if (!Arrays.equals(n.uncompressed(g), expected) || !Arrays.equals(n.uncompressed(expected), expected)) {
                LOG.log(System.Logger.Level.WARNING, "libsecp256k1 decodes the generator point wrongly; not used");
                return null;
            }
            return n;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // not on the class path, or no native library for this platform: BouncyCastle instead
            LOG.log(System.Logger.Level.DEBUG, "libsecp256k1 not used: {0}", e.toString());
            return null;
        }
    }

    private static Secp256k1Decoder choose() {
        Secp256k1Decoder d = loadNative();
        if (d == null) {
            d = BouncyCastleSecp256k1.INSTANCE;
        }
        LOG.log(System.Logger.Level.INFO, "secp256k1 keys decoded by {0}", d.description());
        return d;
    }
}
