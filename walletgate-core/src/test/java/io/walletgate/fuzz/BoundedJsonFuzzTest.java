package io.walletgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.walletgate.internal.token.BoundedJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Header and claims JSON ({@link BoundedJson}) on any bytes. Invariants: it returns an object within the depth and
 * member bounds or throws {@link BoundedJson.JsonException} with one of its fixed messages (never another exception,
 * never the input); what it accepts is valid UTF-8 without a zero byte (so never UTF-16 or UTF-32), and Jackson's own tree model
 * (strict duplicate detection) also accepts it and reads the same values: an independent reading of the same bytes.
 */
class BoundedJsonFuzzTest {
    private static final ObjectMapper JACKSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final Set<String> MESSAGES = Set.of("not a JSON object", "trailing data after the JSON object",
            "duplicate member name", "invalid JSON", "JSON is not UTF-8", "JSON nested deeper than " + BoundedJson.MAX_DEPTH,
            "JSON has more than " + BoundedJson.MAX_VALUES + " members");

    static {
        Bounded.warmUp(() -> check("{\"a\":[1,2.5,\"x\",true,null,{}],\"b\":123456789012345678901234}"
                .getBytes(StandardCharsets.UTF_8)));
    }

    @FuzzTest(maxDuration = "5m")
    void parse_object(byte[] json) {
        Bounded.run("BoundedJson.parseObject", () -> check(json));
    }

    private static void check(byte[] json) {
        Map<String, Object> parsed;
        try {
            parsed = BoundedJson.parseObject(json);
        } catch (BoundedJson.JsonException e) {
            assertThat(e.getMessage()).isIn(MESSAGES);
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json));
        } catch (CharacterCodingException e) {
            fail("accepted JSON that is not UTF-8: " + e);
        }
        for (byte b : json) {
            assertThat(b).as("accepted JSON holding a zero byte (UTF-16, UTF-32)").isNotZero();
        }
        int[] count = {0};
        assertThat(depth(parsed, count)).isLessThanOrEqualTo(BoundedJson.MAX_DEPTH);
        assertThat(count[0]).isLessThanOrEqualTo(BoundedJson.MAX_VALUES);
        JsonNode tree;
        try {
            tree = JACKSON.readTree(json);
        } catch (IOException e) {
            fail("BoundedJson accepted what Jackson's tree model rejects: " + e.getMessage());
            return;
        }
        assertThat(tree.isObject()).isTrue();
        assertThat(parsed).as("BoundedJson and Jackson read different values").isEqualTo(plain(tree));
    }

    private static int depth(Object value, int[] count) {
        int deepest = 0;
        if (value instanceof Map<?, ?>) {
            for (Object v : ((Map<?, ?>) value).values()) {
                count[0]++;
                deepest = Math.max(deepest, depth(v, count));
            }
            return deepest + 1;
        }
        if (value instanceof List<?>) {
            for (Object v : (List<?>) value) {
                count[0]++;
                deepest = Math.max(deepest, depth(v, count));
            }
            return deepest + 1;
        }
        return 0;
    }

    // Jackson's tree as the same plain values BoundedJson builds: Long unless it needs a BigInteger, Double.
    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(e -> l.add(plain(e)));
            return l;
        }
        if (n.isIntegralNumber()) {
            BigInteger b = n.bigIntegerValue();
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return null;
    }
}
