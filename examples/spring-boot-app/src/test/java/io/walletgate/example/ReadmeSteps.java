package io.walletgate.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of an example's README, run for real: the environment of its "run" step, and each request of its
 * "requests" step sent over HTTP, whose answer must be exactly the output the README shows. The README's ports (8089
 * for the issuer, 8080 for the application) are replaced by the ports of the run. Shared by the Spring examples
 * (this module's test jar, with {@link ReadmeStepsTestBase}).
 */
final class ReadmeSteps {
    static final String ISSUER_BASE = "http://127.0.0.1:8089";
    static final String APP_BASE = "http://127.0.0.1:8080";

    private final Path readme;
    private final String issuerBase;

    /** The steps of {@code readme}, with the issuer at {@code issuerBase} instead of the README's. */
    ReadmeSteps(Path readme, URI issuerBase) {
        this.readme = readme;
        this.issuerBase = issuerBase.toString().replaceAll("/$", "");
    }

    /** The environment variables of the "run" step's {@code java -jar} line. */
    Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        String run = block("run").get(0);
        for (String word : run.substring(0, run.indexOf(" java -jar ")).split(" ")) {
            String[] pair = word.split("=", 2);
            env.put(pair[0], pair[1].replace(ISSUER_BASE, issuerBase));
        }
        return env;
    }

    /** Runs the "requests" step against the application on {@code port}; answers how many outputs were checked. */
    int runRequests(int port) throws Exception {
        Map<String, String> vars = new HashMap<>();
        List<String> lines = block("requests");
        int checked = 0;
        for (int i = 0; i < lines.size(); i++) {
            String command = lines.get(i).substring(2);
            Matcher assignment = Pattern.compile("(\\w+)=\\$\\((curl .*) \\| jq -r \\.(\\w+)\\)").matcher(command);
            if (assignment.matches()) {
                String answer = curl(assignment.group(2), vars, port);
                Matcher field = Pattern.compile("\"" + assignment.group(3) + "\":\"([^\"]*)\"").matcher(answer);
                assertThat(field.find()).as("%s in %s", assignment.group(3), answer).isTrue();
                vars.put(assignment.group(1), field.group(1));
                continue;
            }
            StringBuilder expected = new StringBuilder();
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("$ ")) {
                expected.append(lines.get(++i)).append('\n');
            }
            assertThat(curl(command, vars, port) + "\n").as(command).isEqualTo(expected.toString());
            checked++;
        }
        return checked;
    }

    /** The lines of the fenced block after {@code <!-- readme-steps: NAME -->}, continuation lines joined. */
    List<String> block(String name) {
        try {
            String text = Files.readString(readme);
            int marker = text.indexOf("<!-- readme-steps: " + name + " -->");
            int start = text.indexOf('\n', text.indexOf("```", marker)) + 1;
            String body = text.substring(start, text.indexOf("\n```", start));
            return List.of(body.replace("\\\n", " ").split("\n"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + readme.toAbsolutePath(), e);
        }
    }

    /** Runs {@code curl [-s] [-X METHOD] URL [-H 'name: value']… [-d 'body']} over HTTP; answers the body. */
    private String curl(String command, Map<String, String> vars, int port) throws Exception {
        List<String> args = words(command, vars);
        assertThat(args.get(0)).isEqualTo("curl");
        String method = "GET";
        String body = null;
        URI uri = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            switch (args.get(i)) {
                case "-s" -> { }
                case "-X" -> method = args.get(++i);
                case "-H" -> {
                    String[] h = args.get(++i).split(": ", 2);
                    headers.put(h[0], h[1]);
                }
                case "-d" -> body = args.get(++i);
                default -> uri = URI.create(args.get(i).replace(ISSUER_BASE, issuerBase)
                        .replace(APP_BASE, "http://127.0.0.1:" + port));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    // Shell words: '…' literal, "…" with $NAME expanded, bare words with $NAME expanded.
    private static List<String> words(String command, Map<String, String> vars) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : expand(m.group(2) != null ? m.group(2) : m.group(3), vars));
        }
        return words;
    }

    private static String expand(String s, Map<String, String> vars) {
        Matcher m = Pattern.compile("\\$(\\w+)").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(vars).as("$%s is set by an earlier step", m.group(1)).containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(vars.get(m.group(1))));
        }
        return m.appendTail(out).toString();
    }
}
