package io.walletgate;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mistake in {@link IssuerSettings}: which setting, and what is wrong with it, so that each front end names the
 * setting its own way ({@code issuers[0]: 'audience' is required …} in YAML, {@code walletgate.issuers[0].audience
 * is required …} in Spring, {@code --audience} on the command line). The message uses the settings' own names.
 */
public final class IssuerSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final Pattern NAMED = Pattern.compile("\\{([A-Za-z]+)}");

    /** @serial the setting the mistake is about, or null */
    private final String setting;
    /** @serial what is wrong, with {@code {name}} where another setting is named */
    private final String problem;
    /** @serial whether the core library refused the value */
    private final boolean refused;

    IssuerSettingException(String setting, String problem, boolean refused, Throwable cause) {
        super(format(setting, render(problem, IssuerSettingException::quoted), refused,
                IssuerSettingException::quoted), cause);
        this.setting = setting;
        this.problem = problem;
        this.refused = refused;
    }

    static IssuerSettingException missing(String setting, String rest) {
        return new IssuerSettingException(setting, "is required" + rest, false, null);
    }

    /**
     * The setting the mistake is about ({@code audience}, {@code jwksUri}, …), or null when it is the combination.
     *
     * @return the setting's name, or null
     */
    public String setting() {
        return setting;
    }

    /**
     * Whether the core library refused the setting's value (a plain-HTTP key URL, an unknown algorithm, an unreadable
     * file): then {@link #problem} is the library's own message.
     *
     * @return whether the library refused the value
     */
    public boolean refused() {
        return refused;
    }

    /**
     * What is wrong, with every other setting it mentions named by {@code names} (which turns a setting's name, such
     * as {@code jwksUri}, into the front end's, such as {@code jwks-uri}).
     *
     * @param names turns a setting's name into the front end's
     * @return the problem, without the setting it is about
     */
    public String problem(UnaryOperator<String> names) {
        return render(problem, names);
    }

    private static String render(String problem, UnaryOperator<String> names) {
        Matcher m = NAMED.matcher(problem);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(names.apply(m.group(1))));
        }
        return m.appendTail(sb).toString();
    }

    /**
     * The whole message as a front end shows it: {@code setting problem}, or {@code setting: refusal} when the library
     * refused the value, or just the problem for a combination, each setting named by {@code names}.
     *
     * @param names turns a setting's name into the front end's
     * @return the message for the front end
     */
    public String describe(UnaryOperator<String> names) {
        return format(setting, problem(names), refused, names);
    }

    private static String format(String setting, String problem, boolean refused, UnaryOperator<String> names) {
        return setting == null ? problem : names.apply(setting) + (refused ? ": " : " ") + problem;
    }

    private static String quoted(String setting) {
        return "'" + setting + "'";
    }
}
