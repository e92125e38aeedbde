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

    private static void assertRejected(String json, String message) {
        Throwable t = catchThrowable(() -> BoundedJson.parseObject(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(t).as(json).isInstanceOf(BoundedJson.JsonException.class).hasMessage(message);
    }
}
