package io.walletgate.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.walletgate.server.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The committed OpenAPI 3.1 document of the HTTP API ({@value #DOCUMENT}) as a contract that real exchanges are held
 * to. Loading it parses it with swagger-parser, which must report nothing; {@link #problems} finds the documented
 * operation of an exchange and checks its status, its documented response headers and its body against the
 * document's JSON Schemas with networknt's validator (the OpenAPI 3.1 dialect; formats asserted). A request body the
 * service accepted (2xx) is checked too. Every exchange checked is recorded as {@code "METHOD /template STATUS"}.
 *
 * <p>Outside the operations: a path the document does not list must answer its {@code NotFound} response, a method
 * it does not list on a listed path {@code MethodNotAllowed}, and any path may answer {@code HeadersTooLarge} (the
 * HTTP layer refuses before routing). CORS preflights ({@code OPTIONS}) are not operations and are not checked.
 */
public final class ApiContract {
    /** The committed document, relative to the project root. */
    public static final String DOCUMENT = "walletgate-server/src/main/resources/openapi.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://walletgate.invalid/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final JsonNode doc;
    private final SchemaRegistry schemas;
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private ApiContract(String text) throws IOException {
        this.doc = JSON.readTree(text);
        this.schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b
                .schemas(Map.of(BASE, text))
                .schemaLoader(l -> l.fetchRemoteResources(false))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /**
     * Reads the committed document.
     *
     * @throws AssertionError if swagger-parser reports anything about it (not OpenAPI 3.1, a broken reference, …)
     */
    public static ApiContract load() {
        String text = ProjectFiles.read(DOCUMENT);
        ParseOptions options = new ParseOptions();
        options.setValidateInternalRefs(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, options);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new AssertionError(DOCUMENT + " is not a valid OpenAPI document: " + parsed.getMessages());
        }
        if (!parsed.getOpenAPI().getOpenapi().startsWith("3.1.")) {
            throw new AssertionError(DOCUMENT + " is OpenAPI " + parsed.getOpenAPI().getOpenapi() + ", not 3.1");
        }
        return parse(text);
    }

    /** A contract of this document text, as is (for tests of the contract itself: a document made to drift). */
    public static ApiContract parse(String text) {
        try {
            return new ApiContract(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as JSON. */
    public JsonNode document() {
        return doc;
    }

    /** Every documented operation, {@code "METHOD /template"}. */
    public Set<String> operations() {
        Set<String> out = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> METHODS.forEach(m -> {
            if (p.getValue().has(m)) {
                out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return out;
    }

    /** Every documented response, {@code "METHOD /template STATUS"}. */
    public Set<String> responses() {
        Set<String> out = new TreeSet<>();
        for (String op : operations()) {
            String[] mp = op.split(" ", 2);
            operation(mp[1], mp[0]).path("responses").fieldNames().forEachRemaining(s -> out.add(op + " " + s));
        }
        return out;
    }

    /** The responses checked so far, {@code "METHOD /template STATUS"}. */
    public Set<String> exercised() {
        return new TreeSet<>(exercised);
    }

    /**
     * Checks one exchange.
     *
     * @param requestBody the body that was sent, or null
     * @throws AssertionError naming each way it departs from the document
     */
    public void check(HttpResponse<String> response, String requestBody) {
        List<String> problems = problems(response, requestBody);
        if (!problems.isEmpty()) {
            throw new AssertionError(response.request().method() + " " + response.request().uri().getRawPath()
                    + " -> " + response.statusCode() + " departs from " + DOCUMENT + ":\n  - "
                    + String.join("\n  - ", problems) + "\nresponse headers: " + response.headers().map()
                    + "\nresponse body: " + response.body());
        }
    }

    /** How the exchange departs from the document; empty when it conforms. */
    public List<String> problems(HttpResponse<String> response, String requestBody) {
        String method = response.request().method();
        String path = response.request().uri().getRawPath();
        int status = response.statusCode();
        List<String> problems = new ArrayList<>();
        if (method.equals("OPTIONS")) {
            return problems; // a CORS preflight, answered for every path: not an operation
        }
        String template = template(path);
        if (status == 431) {
            body(problems, "#/components/responses/HeadersTooLarge", response);
            return problems;
        }
        if (template == null) {
            if (status != 404) {
                problems.add("the document has no path matching " + path + ", yet the service answered " + status
                        + ": add the route to " + DOCUMENT + " (paths)");
            } else {
                body(problems, "#/components/responses/NotFound", response);
            }
            return problems;
        }
        String m = method.toLowerCase(Locale.ROOT);
        JsonNode op = operation(template, method);
        if (op.isMissingNode()) {
            if (status != 405) {
                problems.add("the service answers " + method + " " + template + " (" + status + ") but the document"
                        + " does not describe that operation: add '" + m + "' under paths['" + template + "']");
            } else {
                body(problems, "#/components/responses/MethodNotAllowed", response);
            }
            return problems;
        }
        String opPointer = "#/paths/" + escape(template) + "/" + m;
        String code = Integer.toString(status);
        String wildcard = code.charAt(0) + "XX";
        String responsePointer = op.path("responses").has(code) ? opPointer + "/responses/" + code
                : op.path("responses").has(wildcard) ? opPointer + "/responses/" + wildcard
                : op.path("responses").has("default") ? opPointer + "/responses/default" : null;
        if (responsePointer == null) {
            List<String> listed = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(listed::add);
            problems.add(method + " " + template + " answered " + status + ", which the document does not list for it"
                    + " (it lists " + listed + "): add responses['" + status + "'] to the operation");
            return problems;
        }
        exercised.add(method + " " + template + " " + code);
        headers(problems, responsePointer, response);
        if (!method.equals("HEAD")) {
            body(problems, responsePointer, response);
        }
        if (status / 100 == 2) {
            request(problems, opPointer, requestBody, response);
        }
        return problems;
    }

    private void headers(List<String> problems, String responsePointer, HttpResponse<String> response) {
        String resolved = resolve(responsePointer);
        JsonNode headers = at(resolved).path("headers");
        for (Iterator<String> it = headers.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            String headerPointer = resolve(resolved + "/headers/" + escape(name));
            JsonNode header = at(headerPointer);
            List<String> values = response.headers().allValues(name);
            if (values.isEmpty()) {
                if (header.path("required").asBoolean(false)) {
                    problems.add("the required response header " + name + " is missing (" + headerPointer + ")");
                }
                continue;
            }
            for (String value : values) {
                validate(problems, "response header " + name, headerPointer + "/schema",
                        TextNode.valueOf(value).toString());
            }
        }
    }

    private void body(List<String> problems, String responsePointer, HttpResponse<String> response) {
        String resolved = resolve(responsePointer);
        JsonNode content = at(resolved).path("content");
        String body = response.body() == null ? "" : response.body();
        if (content.isMissingNode() || content.isEmpty()) {
            if (!body.isEmpty()) {
                problems.add("the document describes no body for this response (" + resolved + "), yet one came");
            }
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!content.has(media)) {
            List<String> listed = new ArrayList<>();
            content.fieldNames().forEachRemaining(listed::add);
            problems.add("Content-Type '" + type + "' is not one the document lists " + listed + " (" + resolved + ")");
            return;
        }
        if (media.equals("application/json") || media.endsWith("+json")) {
            validate(problems, "response body", resolved + "/content/" + escape(media) + "/schema", body);
        }
    }

    private void request(List<String> problems, String opPointer, String requestBody, HttpResponse<String> response) {
        JsonNode spec = at(opPointer).path("requestBody");
        if (spec.isMissingNode()) {
            return;
        }
        String pointer = resolve(opPointer + "/requestBody");
        if (requestBody == null || requestBody.isEmpty()) {
            if (at(pointer).path("required").asBoolean(false)) {
                problems.add("the service accepted a request without the body the document requires (" + pointer + ")");
            }
            return;
        }
        String type = response.request().headers().firstValue("Content-Type").orElse("application/json");
        String media = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (at(pointer).path("content").has(media)) {
            validate(problems, "request body (accepted by the service)", pointer + "/content/" + escape(media)
                    + "/schema", requestBody);
        } else {
            problems.add("the service accepted a request body of type " + media + ", which the document does not list");
        }
    }

    private void validate(List<String> problems, String what, String schemaPointer, String json) {
        List<Error> errors;
        try {
            errors = schemas.getSchema(SchemaLocation.of(BASE + schemaPointer)).validate(json, InputFormat.JSON);
        } catch (RuntimeException e) {
            problems.add(what + " could not be checked against " + schemaPointer + ": " + e.getMessage());
            return;
        }
        for (Error e : errors) {
            String at = e.getInstanceLocation().toString();
            problems.add(what + " at " + (at.isEmpty() ? "its root" : at) + ": " + e.getMessage() + " (schema "
                    + e.getSchemaLocation().toString().replace(BASE, "") + ")");
        }
    }

    /** The template of {@code path}: a literal path first, else the first template that matches. */
    String template(String path) {
        List<String> templates = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(templates::add);
        if (templates.contains(path)) {
            return path;
        }
        for (String t : templates) {
            if (t.contains("{") && regex(t).matcher(path).matches()) {
                return t;
            }
        }
        return null;
    }

    // {name} matches one segment, or the whole rest of the path when its parameter is marked x-walletgate-greedy.
    private Pattern regex(String template) {
        StringBuilder re = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                re.append(greedy(template, part.substring(1, part.length() - 1)) ? "(.+)" : "([^/]+)");
            } else {
                re.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(re.toString());
    }

    private boolean greedy(String template, String name) {
        JsonNode item = doc.path("paths").path(template);
        List<JsonNode> parameters = new ArrayList<>();
        item.path("parameters").forEach(parameters::add);
        METHODS.forEach(m -> item.path(m).path("parameters").forEach(parameters::add));
        for (JsonNode p : parameters) {
            JsonNode resolved = p.has("$ref") ? at(resolve(p.get("$ref").asText())) : p;
            if (name.equals(resolved.path("name").asText()) && resolved.path("x-walletgate-greedy").asBoolean(false)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode operation(String template, String method) {
        return doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    // Follows $ref until the node is not a reference; returns its pointer ("#/…").
    private String resolve(String pointer) {
        String p = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode n = at(p);
            if (!n.has("$ref")) {
                return p;
            }
            p = n.get("$ref").asText();
        }
        throw new AssertionError("a $ref chain longer than 10 at " + pointer);
    }

    private JsonNode at(String pointer) {
        return doc.at(pointer.substring(1));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
