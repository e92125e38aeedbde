package io.walletgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValueTest {
    @Test
    void printable_ascii_passes_as_it_is_and_anything_else_is_percent_encoded_as_utf8() {
        String plain = "user@example.com 0xAbC ~!";
        assertThat(ApiRoutes.headerValue(plain)).isSameAs(plain);
        assertThat(ApiRoutes.headerValue("zoë+100%@example.com")).isEqualTo("zo%C3%AB+100%25@example.com");
        assertThat(ApiRoutes.headerValue("a\r\nX-Evil: 1")).isEqualTo("a%0D%0AX-Evil: 1");
        assertThat(ApiRoutes.headerValue("\u0000\u007f")).isEqualTo("%00%7F");
        assertThat(ApiRoutes.headerValue("%")).isEqualTo("%25");
        assertThat(ApiRoutes.headerValue("ok😀")).isEqualTo("ok%F0%9F%98%80");
        assertThat(ApiRoutes.headerValue("")).isEmpty();
    }
}
