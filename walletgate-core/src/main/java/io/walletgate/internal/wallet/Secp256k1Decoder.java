package io.walletgate.internal.wallet;

/**
 * Decodes a SEC1-encoded secp256k1 point and proves it lies on the curve. Two implementations give the same answer for
 * every input ({@code Secp256k1DecoderDifferentialTest}): Bitcoin Core's libsecp256k1 through its JNI bindings, when
 * they are on the class path and load, and BouncyCastle's pure-Java curve everywhere else
 * ({@link Secp256k1Decoders#chosen()}).
 */
interface Secp256k1Decoder {
    /**
     * The point's 65-byte uncompressed encoding ({@code 04 || X || Y}), or null when {@code sec1} does not encode a
     * point on the curve (X or Y not below the field prime, X with no square root of X³+7, (X, Y) off the curve).
     *
     * @param sec1 33 bytes starting with 02 or 03, or 65 bytes starting with 04 ({@link WalletKeys} checks this first)
     */
    byte[] uncompressed(byte[] sec1);

    /** What decodes, for the log line and the documentation: the library and whether it is native. */
    String description();
}
