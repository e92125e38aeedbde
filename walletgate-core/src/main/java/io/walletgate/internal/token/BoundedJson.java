package io.walletgate.internal.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses untrusted JSON into immutable maps and lists (String, Long, BigInteger, Double, Boolean, null), with
 * bounds: nesting depth, total member and element count, and duplicate member names rejected (docs/architecture.md §4).
 * Jackson's streaming parser does the lexing; this class only builds the values and counts.
 */
public final class BoundedJson {
    /** Deepest nesting allowed in a token's header or payload. */
    public static final int MAX_DEPTH = 16;
    /** Most members and array elements, counted together, in one token header or payload. */
    public static final int MAX_VALUES = 512;

    // Duplicate member names are rejected by readObject, not by Jackson's STRICT_DUPLICATE_DETECTION: the map being
    // built answers it with one lookup, where Jackson keeps its own set of names for every object (5.7 % of the
    // samples around the signature, docs/performance.md).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(64)
                    .maxStringLength(1 << 20)
                    .maxDocumentLength(1L << 20)
                    .build())
            .build();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final int maxDepth;
    private final int maxValues;
    private int values;

    private BoundedJson(int maxDepth, int maxValues) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    /** Thrown when the input is not JSON within the bounds; the message says why, without echoing the input. */
    public static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a JSON object with the token bounds. */
    public static Map<String, Object> parseObject(byte[] json) throws JsonException {
        return parseObject(json, MAX_DEPTH, MAX_VALUES);
    }

    /** Parses a JSON object with the given bounds. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] json, int maxDepth, int maxValues) throws JsonException {
        return (Map<String, Object>) parse(json, maxDepth, maxValues, JsonToken.START_OBJECT);
    }

    /**
     * Parses a JSON array with the given bounds (Magic's DID token is one: docs/architecture.md §12).
     *
     * @param maxDepth 1 for an array of scalars
     */
    @SuppressWarnings("unchecked")
    public static List<Object> parseArray(byte[] json, int maxDepth, int maxValues) throws JsonException {
        return (List<Object>) parse(json, maxDepth, maxValues, JsonToken.START_ARRAY);
    }

    private static Object parse(byte[] json, int maxDepth, int maxValues, JsonToken top) throws JsonException {
        String what = top == JsonToken.START_OBJECT ? "object" : "array";
        if (!utf8(json)) {
            throw new JsonException("JSON is not UTF-8");
        }
        BoundedJson reader = new BoundedJson(maxDepth, maxValues);
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != top) {
                throw new JsonException("not a JSON " + what);
            }
            Object result = top == JsonToken.START_OBJECT ? reader.readObject(p, 1) : reader.readArray(p, 1);
            if (p.nextToken() != null) {
                throw new JsonException("trailing data after the JSON " + what);
            }
            return result;
        } catch (IOException e) {
            throw new JsonException("invalid JSON");
        } catch (IllegalStateException | StackOverflowError e) {
            throw new JsonException("invalid JSON");
        }
    }

    // RFC 7515 §4, RFC 7519 §7.2, RFC 8259 §8.1: JOSE and JWT JSON is UTF-8, checked here before Jackson sees it.
    // Jackson would detect UTF-16 and UTF-32 (from a BOM or zero bytes) and read tokens that jose and Nimbus reject, and
    // its shared name table matches a member name by bytes padded with 0xFF, so a name holding an invalid 0xFF byte
    // ("\xFFexp") was read as a name seen before ("exp") without any UTF-8 check. Valid UTF-8 never holds 0xFF, and JSON
    // text never holds a zero byte. A UTF-8 BOM is valid UTF-8 and still skipped, as jose and Nimbus do.
    private static boolean utf8(byte[] json) {
        if (asciiWithoutZero(json)) {
            return true;
        }
        boolean ascii = true;
        for (byte b : json) {
            if (b == 0) {
                return false;
            }
            ascii &= b > 0;
        }
        if (ascii) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json)); // REPORTs malformed input
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    // Whether every byte is 1..127, eight at a time: a long's 0x80 bits are set by a byte above 0x7F, and by
    // (x - 0x01..01) & ~x at a zero byte (the lowest one exactly; a false alarm only sends the input to the exact check
    // in utf8). The JDK has no public ASCII test for a byte array; the byte-by-byte loop this comes before cost
    // ~0.39 us for an 800-byte payload on JDK 17 where this costs ~0.10 (nanoTime loop, docs/performance.md).
    private static boolean asciiWithoutZero(byte[] json) {
        long bad = 0;
        int i = 0;
        for (; i + Long.BYTES <= json.length; i += Long.BYTES) {
            long x = (long) LONGS.get(json, i);
            bad |= x | (x - 0x0101010101010101L) & ~x;
        }
        for (; i < json.length; i++) {
            bad |= json[i] - 1; // negative for 0 and for any byte above 0x7F
        }
        return bad >= 0 && (bad & 0x8080808080808080L) == 0;
    }

    private Map<String, Object> readObject(JsonParser p, int depth) throws IOException, JsonException {
        checkDepth(depth);
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName(); // unescaped: "i\u0073s" is "iss"
            if (map.containsKey(name)) { // checked before the count and the value, where Jackson checked it
                throw new JsonException("duplicate member name");
            }
            count();
            map.put(name, readValue(p, p.nextToken(), depth));
        }
        if (t != JsonToken.END_OBJECT) {
            throw new JsonException("invalid JSON");
        }
        return Collections.unmodifiableMap(map);
    }

    private List<Object> readArray(JsonParser p, int depth) throws IOException, JsonException {
        checkDepth(depth);
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonException("invalid JSON");
            }
            count();
            list.add(readValue(p, t, depth));
        }
        return Collections.unmodifiableList(list);
    }

    private Object readValue(JsonParser p, JsonToken t, int depth) throws IOException, JsonException {
        if (t == null) {
            throw new JsonException("invalid JSON");
        }
        switch (t) {
            case START_OBJECT:
                return readObject(p, depth + 1);
            case START_ARRAY:
                return readArray(p, depth + 1);
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    BigInteger big = p.getBigIntegerValue();
                    return big;
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonException("invalid JSON");
        }
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > maxDepth) {
            throw new JsonException("JSON nested deeper than " + maxDepth);
        }
    }

    private void count() throws JsonException {
        if (++values > maxValues) {
            throw new JsonException("JSON has more than " + maxValues + " members");
        }
    }
}
