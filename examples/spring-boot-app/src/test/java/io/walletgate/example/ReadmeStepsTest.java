package io.walletgate.example;

import org.springframework.boot.test.context.SpringBootTest;

/** Runs this module's README on Tomcat ({@link ReadmeStepsTestBase}). */
@SpringBootTest(classes = ExampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadmeStepsTest extends ReadmeStepsTestBase {
}
