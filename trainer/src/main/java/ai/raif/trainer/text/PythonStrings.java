package ai.raif.trainer.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Python's {@code str} methods that chat templates call, with Python's semantics (whitespace, splitting, casing). */
final class PythonStrings {

    private PythonStrings() {}

    /** Python's {@code str.isspace} for one character: Java's whitespace plus the no-break spaces and U+0085. */
    static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }

    /** {@code s.strip(chars)}; {@code chars == null} strips whitespace. */
    static String strip(String s, String chars) {
        return rstrip(lstrip(s, chars), chars);
    }

    static String lstrip(String s, String chars) {
        int start = 0;
        while (start < s.length()) {
            int cp = s.codePointAt(start);
            if (!stripped(cp, chars)) {
                break;
            }
            start += Character.charCount(cp);
        }
        return s.substring(start);
    }

    static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!stripped(cp, chars)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static boolean stripped(int codePoint, String chars) {
        return chars == null ? isSpace(codePoint) : chars.indexOf(new String(Character.toChars(codePoint))) >= 0;
    }

    /**
     * {@code s.split(sep, maxsplit)}: with {@code sep == null}, runs of whitespace separate and leading/trailing
     * whitespace yields no empty parts; otherwise every occurrence of {@code sep} does. A negative maxsplit is no limit.
     */
    static List<String> split(String s, String sep, int maxSplit) {
        if (sep != null && sep.isEmpty()) {
            throw new ChatTemplateException("str.split(): empty separator");
        }
        int limit = maxSplit < 0 ? Integer.MAX_VALUE : maxSplit;
        List<String> parts = new ArrayList<>();
        if (sep != null) {
            int from = 0;
            int at;
            while (parts.size() < limit && (at = s.indexOf(sep, from)) >= 0) {
                parts.add(s.substring(from, at));
                from = at + sep.length();
            }
            parts.add(s.substring(from));
            return parts;
        }
        int i = 0;
        while (true) {
            while (i < s.length() && isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i >= s.length()) {
                return parts;
            }
            if (parts.size() == limit) {
                // the rest, leading whitespace dropped but trailing kept, as Python does
                parts.add(s.substring(i));
                return parts;
            }
            int start = i;
            while (i < s.length() && !isSpace(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            parts.add(s.substring(start, i));
        }
    }

    /** {@code s.title()}: a cased character is title-cased after an uncased one and lower-cased after a cased one. */
    static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (previousCased) {
                out.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
            } else {
                out.appendCodePoint(Character.toTitleCase(cp));
            }
            previousCased = Character.isUpperCase(cp) || Character.isLowerCase(cp) || Character.isTitleCase(cp);
        }
        return out.toString();
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** {@code s.replace(old, new, count)}; a negative count replaces all. */
    static String replace(String s, String old, String replacement, int count) {
        if (count < 0) {
            return s.replace(old, replacement);
        }
        if (old.isEmpty()) {
            throw new ChatTemplateException("str.replace() with an empty old string and a count is not supported");
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int done = 0, at; done < count && (at = s.indexOf(old, from)) >= 0; done++) {
            out.append(s, from, at).append(replacement);
            from = at + old.length();
        }
        return out.append(s.substring(from)).toString();
    }
}
