package io.walletgate.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Duplicate member names, which BoundedJson rejects itself (no longer Jackson's STRICT_DUPLICATE_DETECTION): rejected
 * at every depth, whatever the values, before the member limit. One answer changed: a duplicate name whose value is
 * malformed right at its start is "invalid JSON" now (Jackson reads a member's name and the start of its value in one
 * step, so it fails before the map sees the name); the input is refused either way.
 */
class BoundedJsonTest {
    @Test
    void rejects_a_duplicate_member_whose_values_are_null() {
        assertRejected("{\"a\":null,\"a\":null}", "duplicate member name");
        assertRejected("{\"a\":null,\"b\":1,\"a\":2}", "duplicate member name");
    }

    @Test
    void rejects_duplicates_at_any_depth_and_however_the_name_is_escaped() {
        assertRejected("{\"w\":[{\"x\":1},{\"y\":{\"z\":true,\"z\":false}}]}", "duplicate member name");
        assertRejected("{\"iss\":\"a\",\"i\\u0073s\":\"b\"}", "duplicate member name");
        assertRejected("{\"a\":{},\"a\":[]}", "duplicate member name");
    }

    @Test
    void refuses_a_duplicate_whose_value_is_malformed() {
        assertRejected("{\"a\":1,\"a\":[1,", "duplicate member name");
        assertRejected("{\"a\":1,\"a\":{\"b\"", "duplicate member name");
        assertRejected("{\"a\":1,\"a\":}", "invalid JSON");
        assertRejected("{\"a\":1,\"a\":tru}", "invalid JSON");
    }

    @Test
    void reports_the_duplicate_before_the_member_limit_it_would_pass() throws Exception {
        byte[] json = "{\"a\":1,\"b\":2,\"a\":3}".getBytes(StandardCharsets.UTF_8);
        Throwable t = catchThrowable(() -> BoundedJson.parseObject(json, 4, 2));
        assertThat(t).isInstanceOf(BoundedJson.JsonException.class).hasMessage("duplicate member name");
        byte[] three = "{\"a\":1,\"b\":2,\"c\":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowable(() -> BoundedJson.parseObject(three, 4, 2)))
                .isInstanceOf(BoundedJson.JsonException.class).hasMessage("JSON has more than 2 members");
    }

    @Test
    void accepts_the_same_name_in_different_objects_and_keeps_member_order() throws Exception {
        Map<String, Object> m = BoundedJson.parseObject(
                "{\"b\":{\"a\":1},\"a\":[{\"a\":1},{\"a\":null}],\"c\":null}".getBytes(StandardCharsets.UTF_8));
        assertThat(m.keySet()).containsExactly("b", "a", "c");
        assertThat(m.get("b")).isEqualTo(Map.of("a", 1L));
        assertThat((List<?>) m.get("a")).hasSize(2);
        assertThat(m).containsEntry("c", null);
    }

    // utf8's eight-bytes-at-a-time ASCII test: a zero byte or a byte above 0x7F at every offset (in the long words and
    // in the tail) still reaches the exact check
    @Test
    void finds_a_zero_or_non_ascii_byte_at_every_offset() throws Exception {
        String json = "{\"abcdefghijklmnopqrstu\":\"vwxyz\"}";
        for (int i = 2; i < 23; i++) {
            byte[] zero = json.getBytes(StandardCharsets.UTF_8);
            zero[i] = 0;
            assertRejected(zero, "JSON is not UTF-8");
            byte[] ff = json.getBytes(StandardCharsets.UTF_8);
            ff[i] = (byte) 0xFF;
            assertRejected(ff, "JSON is not UTF-8");
            String accented = json.substring(0, i) + "\u00e9" + json.substring(i + 1);
            assertThat(BoundedJson.parseObject(accented.getBytes(StandardCharsets.UTF_8))).hasSize(1);
        }
        for (int length = 0; length < 10; length++) {
            byte[] tail = ("{\"a\":\"" + "b".repeat(length) + "\u0000\"}").getBytes(StandardCharsets.UTF_8);
            assertRejected(tail, "JSON is not UTF-8");
        }
    }

    private static void assertRejected(byte[] json, String message) {
        Throwable t = catchThrowable(() -> BoundedJson.parseObject(json));
        assertThat(t).as(new String(json, StandardCharsets.ISO_8859_1)).isInstanceOf(BoundedJson.JsonException.class)
                .hasMessage(message);
    }

    private static void assertRejected(String json, String message) {
        assertRejected(json.getBytes(StandardCharsets.UTF_8), message);
    }
}
