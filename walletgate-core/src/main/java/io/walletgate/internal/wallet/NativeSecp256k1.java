package io.walletgate.internal.wallet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * secp256k1 points decoded by Bitcoin Core's libsecp256k1 ({@code secp256k1_ec_pubkey_parse}), through ACINQ's JNI
 * bindings ({@code fr.acinq.secp256k1:secp256k1-kmp-jni-jvm-linux}, an optional dependency). The bindings are reached
 * by reflection, once, so that walletgate-core neither needs them to compile nor names their packages (two of their
 * jars share a package, which the module path refuses; applications use them on the class path).
 */
final class NativeSecp256k1 implements Secp256k1Decoder {
    private static final String API = "fr.acinq.secp256k1.Secp256k1";

    private final MethodHandle pubkeyParse; // (byte[]) -> byte[65], bound to the library's instance
    private final String description;

    private NativeSecp256k1(MethodHandle pubkeyParse, String description) {
        this.pubkeyParse = pubkeyParse;
        this.description = description;
    }

    /**
     * The bindings, loaded (their native library extracted and linked).
     *
     * @throws ReflectiveOperationException when they are not on the class path
     * @throws LinkageError when the native library does not load on this platform
     */
    static NativeSecp256k1 load() throws ReflectiveOperationException {
        Class<?> api = Class.forName(API);
        Object companion = api.getField("Companion").get(null);
        Object library = companion.getClass().getMethod("get").invoke(companion);
        MethodHandle parse = MethodHandles.publicLookup()
                .findVirtual(api, "pubkeyParse", MethodType.methodType(byte[].class, byte[].class))
                .bindTo(library);
        return new NativeSecp256k1(parse, "libsecp256k1 (native, through fr.acinq.secp256k1's JNI bindings)");
    }

    @Override
    public byte[] uncompressed(byte[] sec1) {
        byte[] out;
        try {
            out = (byte[]) pubkeyParse.invokeExact(sec1);
        } catch (RuntimeException e) {
            return null; // Secp256k1Exception: secp256k1_ec_pubkey_parse refused the bytes (not a point on the curve)
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("libsecp256k1 bindings failed", e);
        }
        return out != null && out.length == 65 && out[0] == 4 ? out : null;
    }

    @Override
    public String description() {
        return description;
    }
}
