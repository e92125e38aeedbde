package io.walletgate.bench;

import io.walletgate.VerifiedIdentity;
import io.walletgate.signin.NonceStore;
import io.walletgate.signin.SignInVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sign-In with Ethereum by an EOA: {@link SignInVerifier#verifySiwe} on the messages of {@link SignInFixtures}
 * (distinct signers, taken in turn): strict EIP-4361 parsing, the domain, origin, chain and time checks, the EIP-191
 * hash and secp256k1 public-key recovery (BouncyCastle), and the identity. No chain call: the signature is the
 * address's own. The nonce store accepts every nonce, so the row measures verification; the in-memory store's
 * atomic consume is a map removal under a lock on top.
 */
@Fork(1)
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignInBench {
    private SignInVerifier verifier;
    private List<SignInFixtures.Signed> pool;
    private int next;

    @Setup
    public void setUp() {
        pool = SignInFixtures.load();
        verifier = SignInVerifier.builder().domains(SignInFixtures.DOMAIN).uris(SignInFixtures.ORIGIN)
                .chain(1, URI.create("https://rpc.invalid/never-called"))
                .clock(Clock.fixed(SignInFixtures.AT, ZoneOffset.UTC))
                .nonceStore(new NonceStore() {
                    @Override
                    public void put(String nonce, Instant expiresAt) {
                    }

                    @Override
                    public boolean consume(String nonce, Instant now) {
                        return true;
                    }
                })
                .build();
        VerifiedIdentity first = verify();
        if (!first.subject().endsWith(pool.get(0).address()) || !"eoa".equals(first.claims().get("signatureType"))) {
            throw new IllegalStateException("the first message did not verify as its EOA's: " + first);
        }
        CpuWarmup.run(this::verify, 3_000);
    }

    @Benchmark
    public VerifiedIdentity verify() {
        SignInFixtures.Signed s = pool.get(next);
        next = next + 1 == pool.size() ? 0 : next + 1;
        return verifier.verifySiwe(s.message(), s.signature());
    }
}
