package ai.raif.trainer.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a Jinja2 chat template into text that Jinjava renders the way jinja2 would. Jinjava 2.7 ignores
 * {@code {{-}} / {@code -}}}, differs from jinja2 on {@code trim_blocks}/{@code lstrip_blocks}, and chat templates
 * depend on every newline, so whitespace is settled here, following jinja2's lexer with the settings transformers
 * uses ({@code trim_blocks=True, lstrip_blocks=True}, no trailing newline kept):
 * <ul>
 *   <li>newlines are normalised to {@code \n}, and one final newline of the template is dropped;</li>
 *   <li>{@code {%-}, {@code {{-}, {@code {#-} strip all whitespace before the tag, {@code -%}}, {@code -}}},
 *       {@code -#}} all whitespace after it;</li>
 *   <li>otherwise a block or comment tag that starts a line (only spaces/tabs before it) loses those, unless written
 *       {@code {%+}; and the one newline right after a block or comment tag is dropped, unless written {@code +%}};</li>
 *   <li>comments are removed and {@code raw} blocks are passed through untouched.</li>
 * </ul>
 * Inside tags, two things Jinjava cannot parse are rewritten: touching closing braces of dict literals (Jinjava
 * ends the tag at the first "}}") and the reversing slice {@code [::-1]} (as {@code |reverse|list}). A loop filter
 * ({@code {% for x in xs if cond %}}), which Jinjava silently ignores, is rejected.
 */
final class JinjavaSource {

    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)\\s*raw\\s*(?:-%}\\s*|%})");
    private static final Pattern LOOP_FILTER = Pattern.compile("^\\s*for\\s.*\\sin\\s.*\\bif\\b", Pattern.DOTALL);
    private static final String REVERSE_SLICE = "[::-1]";
    private static final Pattern RAW_END = Pattern.compile("(.*?)\\{%([-+]?)\\s*endraw\\s*(\\+%}|-%}\\s*|%}\\n?)", Pattern.DOTALL);

    private final String source;
    private final StringBuilder out = new StringBuilder();
    private int pos;
    /** Whether the text consumed last ended a line (the template start counts), which lets lstrip apply to the next tag. */
    private boolean lineStarting = true;

    private JinjavaSource(String source) {
        this.source = source;
    }

    static String translate(String template) {
        String source = template.replace("\r\n", "\n").replace('\r', '\n');
        if (source.endsWith("\n")) {
            source = source.substring(0, source.length() - 1);
        }
        JinjavaSource lexer = new JinjavaSource(source);
        lexer.run();
        return lexer.out.toString();
    }

    private void run() {
        while (pos < source.length()) {
            int start = nextTagStart(pos);
            if (start < 0) {
                out.append(source, pos, source.length());
                return;
            }
            String text = source.substring(pos, start);
            char kind = source.charAt(start + 1);
            Matcher raw = RAW_BEGIN.matcher(source).region(start, source.length());
            if (kind == '%' && raw.lookingAt()) {
                out.append(stripBefore(text, raw.group(1), true));
                lineStarting = raw.group().endsWith("\n");
                copyRaw(raw.end());
                continue;
            }
            int signAt = start + 2;
            String leftSign = signAt < source.length() && (source.charAt(signAt) == '-' || source.charAt(signAt) == '+')
                    ? String.valueOf(source.charAt(signAt)) : "";
            out.append(stripBefore(text, leftSign, kind != '{'));
            int bodyStart = start + 2 + leftSign.length();
            int closer = kind == '#' ? source.indexOf("#}", bodyStart) : closerOf(kind, bodyStart, start);
            if (closer < 0) {
                throw new ChatTemplateException("chat template: unclosed tag starting at offset " + start + ": "
                        + source.substring(start, Math.min(source.length(), start + 40)));
            }
            char before = source.charAt(closer - 1);
            String rightSign = closer - 1 >= bodyStart && (before == '-' || before == '+') ? String.valueOf(before) : "";
            if (kind != '#') {
                String body = rewriteBody(kind, source.substring(bodyStart, closer - rightSign.length()), start);
                out.append('{').append(kind).append(body).append(kind == '{' ? '}' : '%').append('}');
            }
            pos = closer + 2;
            consumeAfter(rightSign, kind != '{');
        }
    }

    /** The earliest "{{", "{%" or "{#" at or after {@code from}, or -1. */
    private int nextTagStart(int from) {
        for (int i = source.indexOf('{', from); i >= 0 && i + 1 < source.length(); i = source.indexOf('{', i + 1)) {
            char next = source.charAt(i + 1);
            if (next == '{' || next == '%' || next == '#') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the "}}" or "%}" closing an expression or statement, skipping string literals and brackets as the
     * jinja2 lexer does (so "{{ {'a': 1} }}" closes at the last braces).
     */
    private int closerOf(char kind, int from, int tagStart) {
        char close = kind == '{' ? '}' : '%';
        int depth = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(source, i, tagStart);
            } else if (depth == 0 && c == close && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                return i;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        return -1;
    }

    /**
     * The tag body as Jinjava needs it: closing braces that touch (outside strings) get a space between them, which
     * means the same in an expression, and {@code [::-1]} before a delimiter becomes {@code |reverse|list}.
     */
    private static String rewriteBody(char kind, String body, int tagStart) {
        StringBuilder rewritten = new StringBuilder(body.length() + 8);
        StringBuilder outsideStrings = new StringBuilder(body.length());
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfString(body, i, tagStart);
                rewritten.append(body, i, end + 1);
                outsideStrings.append(" ".repeat(end + 1 - i));
                i = end;
                continue;
            }
            if (body.startsWith(REVERSE_SLICE, i) && endsOperand(body, i + REVERSE_SLICE.length())) {
                rewritten.append("|reverse|list");
                outsideStrings.append(" ".repeat(REVERSE_SLICE.length()));
                i += REVERSE_SLICE.length() - 1;
                continue;
            }
            depth += c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
            // only what is outside brackets decides whether a for tag has a loop filter
            outsideStrings.append(depth == 0 || c == ')' || c == ']' || c == '}' ? c : ' ');
            rewritten.append(c);
            if (c == '}' && (i + 1 == body.length() || body.charAt(i + 1) == '}')) {
                rewritten.append(' ');
            }
        }
        if (kind == '%' && LOOP_FILTER.matcher(outsideStrings).find()) {
            throw new ChatTemplateException("chat template: loop filters ({% for x in xs if condition %}) are not supported,"
                    + " in the tag at offset " + tagStart + ": {%" + body + "%}");
        }
        return rewritten.toString();
    }

    private static boolean endsOperand(String body, int at) {
        return at == body.length() || " \t\n)]},|%".indexOf(body.charAt(at)) >= 0;
    }

    private static int endOfString(String text, int quoteAt, int tagStart) {
        char quote = text.charAt(quoteAt);
        for (int i = quoteAt + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        throw new ChatTemplateException("chat template: unterminated string in the tag starting at offset " + tagStart);
    }

    /** The text before a tag after the tag's left whitespace control ({@code lstrip} applies to blocks and comments). */
    private String stripBefore(String text, String sign, boolean lstripApplies) {
        if (sign.equals("-")) {
            return PythonStrings.rstrip(text, null);
        }
        if (sign.isEmpty() && lstripApplies) {
            int lineStart = text.lastIndexOf('\n') + 1;
            String tail = text.substring(lineStart);
            if ((lineStart > 0 || lineStarting) && !tail.isEmpty() && PythonStrings.strip(tail, null).isEmpty()) {
                return text.substring(0, lineStart);
            }
        }
        return text;
    }

    /** Skips what the tag's right side consumes: all whitespace after "-", else one newline after a block or comment. */
    private void consumeAfter(String sign, boolean trimApplies) {
        int from = pos;
        if (sign.equals("-")) {
            while (pos < source.length() && PythonStrings.isSpace(source.charAt(pos))) {
                pos++;
            }
        } else if (sign.isEmpty() && trimApplies && pos < source.length() && source.charAt(pos) == '\n') {
            pos++;
        }
        lineStarting = pos > from && source.charAt(pos - 1) == '\n';
    }

    /** A raw block: its content is kept as written, apart from the whitespace control of its endraw tag. */
    private void copyRaw(int contentStart) {
        Matcher end = RAW_END.matcher(source).region(contentStart, source.length());
        if (!end.lookingAt()) {
            throw new ChatTemplateException("chat template: raw block at offset " + contentStart + " has no endraw");
        }
        out.append("{% raw %}").append(stripBefore(end.group(1), end.group(2), true)).append("{% endraw %}");
        pos = end.end();
        lineStarting = end.group(3).endsWith("\n");
    }
}
