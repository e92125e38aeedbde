package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed seed corpus of the fuzz targets: where Jazzer's regression mode reads it,
 * {@code src/test/resources/io/walletgate/fuzz/<Class>Inputs/<method>/}, with the issuers its tokens verify against in
 * {@code src/test/resources/fuzz/issuers.json}. {@link FuzzCorpusGenerator} writes it (a program, not a test).
 */
class FuzzCorpusSeedsTest {
    /** Every fuzz target, as {@code Class/method}. */
    static final String[] TARGETS = {
        "TokenParserFuzzTest/compact_jws_parse", "BoundedJsonFuzzTest/parse_object", "JwksFuzzTest/jwks_parse",
        "WalletProofFuzzTest/app_public_key", "WalletProofFuzzTest/address", "WalletProofFuzzTest/base58",
        "VerifierFuzzTest/verify_token", "VerifierFuzzTest/verify_signed"};

    @Test
    void every_fuzz_target_has_a_committed_seed_corpus() throws IOException {
        for (String target : TARGETS) {
            String resource = "/io/walletgate/fuzz/" + target.replace("/", "Inputs/");
            URL dir = FuzzCorpusSeedsTest.class.getResource(resource);
            assertThat(dir).as("corpus of %s on the test class path", target).isNotNull();
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                assertThat(files.count()).as("seeds of %s", target).isGreaterThanOrEqualTo(5);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(FuzzCorpusSeedsTest.class.getResource(FuzzIssuers.RESOURCE)).isNotNull();
    }
}
