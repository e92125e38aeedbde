package io.walletgate.example.webflux;

import io.walletgate.example.ReadmeStepsTestBase;
import org.springframework.boot.test.context.SpringBootTest;

/** Runs this module's README on Netty ({@link ReadmeStepsTestBase}). */
@SpringBootTest(classes = WebFluxExampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeStepsTest extends ReadmeStepsTestBase {
}
