package io.walletgate.bench;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;

/**
 * A JCA provider whose signatures cost nothing and always verify: given to WalletGate as its
 * {@code signatureProvider}, what remains of a verification is exactly "everything around the signature" (parse,
 * JSON, routing, key selection, signature encoding, claims, wallet proof, cache), the part docs/architecture.md §10
 * bounds to 5 % of the signature. Never used anywhere but {@link WalletGateOverheadBench}.
 */
final class NoopSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;

    NoopSignatureProvider() {
        super("WalletGateBenchNoop", "1.0", "signatures that cost nothing, for measuring overhead");
        for (String name : new String[] {"SHA256withECDSA", "SHA256withRSA", "Ed25519"}) {
            put("Signature." + name, AlwaysValid.class.getName());
        }
    }

    /** Accepts every signature, reads nothing. */
    public static final class AlwaysValid extends SignatureSpi {
        @Override
        protected void engineInitVerify(PublicKey publicKey) {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            throw new InvalidKeyException("verification only");
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
        }

        @Override
        protected byte[] engineSign() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return true;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
