package io.walletgate.testkit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON through Jackson databind: strict reading (duplicate members rejected), compact writing. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /**
     * Compact JSON of a value.
     *
     * @throws IllegalArgumentException if Jackson cannot write it
     */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A JSON object.
     *
     * @throws IllegalArgumentException if the bytes are not one, or repeat a member name
     */
    static Map<String, Object> read(byte[] json) {
        try {
            Object value = MAPPER.readValue(json, Object.class);
            if (!(value instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            return map;
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + abbreviate(e.getMessage()), e);
        }
    }

    private static String abbreviate(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("");
        return first.length() <= 160 ? first : first.substring(0, 160) + "…";
    }

    /** A deep copy in which every map and list is unmodifiable (JSON null members are kept). */
    @SuppressWarnings("unchecked")
    static <T> T frozen(T value) {
        if (value instanceof Map<?, ?>) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?>) {
            List<Object> copy = new ArrayList<>();
            ((List<?>) value).forEach(v -> copy.add(frozen(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
