package io.walletgate.example.webflux;

import io.walletgate.VerifiedIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Who is calling: the wallet the request proved, the user id and the token's issuer. */
@RestController
class MeController {
    @GetMapping("/api/me")
    Mono<Map<String, String>> me(@AuthenticationPrincipal VerifiedIdentity user) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("address", user.wallet() == null ? null : user.wallet().address()); // null when nothing was proven
        body.put("subject", user.subject());
        body.put("issuer", user.issuer());
        return Mono.just(body);
    }
}
