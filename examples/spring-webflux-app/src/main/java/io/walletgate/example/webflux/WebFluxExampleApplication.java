package io.walletgate.example.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A reactive Spring Boot application that trusts wallet logins: see this module's README. */
@SpringBootApplication
public class WebFluxExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(WebFluxExampleApplication.class, args);
    }
}
