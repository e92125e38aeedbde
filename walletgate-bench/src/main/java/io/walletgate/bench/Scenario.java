package io.walletgate.bench;

/**
 * What is verified: the algorithm and the shape of the token. The names are the JMH {@code scenario} parameter
 * values and the row names of docs/benchmarks.md.
 */
enum Scenario {
    /** Web3Auth social login: ES256, two wallets (ed25519 first, the secp256k1 app key second), app-key proof. */
    ES256_WEB3AUTH("ES256-web3auth", "ES256", true),
    /** A plain OIDC ID token, ES256, no wallet. */
    ES256_OIDC("ES256-oidc", "ES256", false),
    /** A plain OIDC ID token, RS256 with a 2048-bit key. */
    RS256_OIDC("RS256-oidc", "RS256", false),
    /** A plain OIDC ID token, EdDSA (Ed25519). */
    EDDSA_OIDC("EdDSA-oidc", "EdDSA", false);

    private final String param;
    private final String alg;
    private final boolean web3auth;

    Scenario(String param, String alg, boolean web3auth) {
        this.param = param;
        this.alg = alg;
        this.web3auth = web3auth;
    }

    /** The scenario of a JMH parameter value. */
    static Scenario of(String param) {
        for (Scenario s : values()) {
            if (s.param.equals(param)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario: " + param);
    }

    String param() {
        return param;
    }

    /** The JWS algorithm. */
    String alg() {
        return alg;
    }

    /** The JCA signature name. */
    String jcaName() {
        return BenchProviders.jcaName(alg);
    }

    boolean web3auth() {
        return web3auth;
    }
}
