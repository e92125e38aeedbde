package io.walletgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads one configuration object field by field, so that every mistake names where it is ({@code issuers[1]
 * (sequence-oms): 'audience' is required}), and refuses fields it does not know (with a suggestion for typos).
 */
final class Fields {
    private final JsonNode node;
    private final String where;
    private final Set<String> read = new HashSet<>();

    Fields(JsonNode node, String where) {
        if (node != null && !node.isNull() && !node.isObject()) {
            throw new ConfigException(where + ": must be a mapping of fields");
        }
        this.node = node;
        this.where = where;
    }

    String where() {
        return where;
    }

    ConfigException error(String field, String problem) {
        return new ConfigException(where + ": '" + field + "' " + problem);
    }

    // A required field that is absent, maybe because it is misspelled: the typo is the likelier mistake to name.
    private ConfigException missing(String name) {
        String typo = null;
        int best = 3;
        for (Iterator<String> it = node == null ? java.util.Collections.emptyIterator() : node.fieldNames();
             it.hasNext(); ) {
            String f = it.next();
            int d = distance(f.toLowerCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT));
            if (d < best && !f.equals(name)) {
                typo = f;
                best = d;
            }
        }
        return error(name, "is required" + (typo == null ? "" : "; there is a field '" + typo + "' (did you mean '"
                + name + "'?)"));
    }

    private JsonNode get(String name) {
        read.add(name);
        JsonNode v = node == null ? null : node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String name) {
        return node != null && node.has(name) && !node.get(name).isNull();
    }

    JsonNode node(String name) {
        return get(name);
    }

    String text(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required) {
                throw missing(name);
            }
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw error(name, "must be a non-empty text");
        }
        return v.asText().strip();
    }

    List<String> texts(String name, boolean required) {
        JsonNode v = get(name);
        if (v == null) {
            if (required) {
                throw missing(name);
            }
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (!e.isValueNode() || e.asText().isBlank()) {
                    throw error(name, "must be a list of non-empty texts");
                }
                out.add(e.asText().strip());
            }
        } else if (v.isValueNode() && !v.asText().isBlank()) {
            for (String part : v.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            throw error(name, "must be a text or a list of texts");
        }
        if (out.isEmpty() && required) {
            throw error(name, "is required");
        }
        return List.copyOf(out);
    }

    boolean bool(String name, boolean dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        String t = v.asText().strip().toLowerCase(java.util.Locale.ROOT);
        if (v.isBoolean() || t.equals("true") || t.equals("false")) {
            return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(t);
        }
        throw error(name, "must be true or false, not '" + v.asText() + "'");
    }

    Duration duration(String name, Duration dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        if (v.isNumber()) {
            throw error(name, "needs a unit: write " + v.asText() + "s, " + v.asText() + "m or " + v.asText() + "h");
        }
        try {
            return Units.duration(v.asText());
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage().replaceFirst("^'[^']*' ", "value '" + v.asText() + "' "));
        }
    }

    int integer(String name, int dflt, int min, int max) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = v.isNumber() ? v.intValue() : Integer.parseInt(v.asText().strip());
            if (n < min || n > max || v.isNumber() && !v.canConvertToInt()) {
                throw error(name, "must be between " + min + " and " + max + ", not " + v.asText());
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(name, "must be a whole number, not '" + v.asText() + "'");
        }
    }

    long bytes(String name, long dflt) {
        JsonNode v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return v.isNumber() ? v.longValue() : Units.bytes(v.asText());
        } catch (IllegalArgumentException e) {
            throw error(name, e.getMessage().replaceFirst("^'[^']*' ", "value '" + v.asText() + "' "));
        }
    }

    /** Refuses any field that was not read. */
    void done() {
        if (node == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!read.contains(f)) {
                String hint = suggestion(f);
                throw new ConfigException(where + ": unknown field '" + f + "'"
                        + (hint == null ? " (known: " + String.join(", ", new java.util.TreeSet<>(read)) + ")"
                        : " (did you mean '" + hint + "'?)"));
            }
        }
    }

    private String suggestion(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String known : read) {
            int d = distance(unknown.toLowerCase(java.util.Locale.ROOT), known.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
