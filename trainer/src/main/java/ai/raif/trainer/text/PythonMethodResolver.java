package ai.raif.trainer.text;

import com.hubspot.jinjava.objects.SafeString;

import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Gives template values the Python methods HF chat templates call on them ({@code message.content.strip()},
 * {@code d.get(k, default)}, ...). Jinjava would otherwise call the Java method of the same name, which is missing
 * ({@code upper}, {@code startswith}) or means something else ({@code String.split} takes a regex and returns an array).
 * Handled: str strip/lstrip/rstrip/split/startswith/endswith/upper/lower/title/join/replace and dict get; str.format
 * is refused rather than left to Java. It resolves nothing else, so the default resolvers still handle properties
 * and other methods (dict items/keys/values come from Jinjava's own map wrapper).
 */
final class PythonMethodResolver extends ELResolver {

    /** Stands for "not a method handled here", since null is a valid result ({@code d.get('missing')}). */
    private static final Object UNHANDLED = new Object();

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null || method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result = UNHANDLED;
        if (base instanceof String || base instanceof SafeString) {
            result = stringMethod(base.toString(), method.toString(), args);
        } else if (base instanceof Map<?, ?> map && method.toString().equals("get")) {
            result = get(map, args);
        }
        if (result == UNHANDLED) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static Object stringMethod(String s, String method, Object[] args) {
        String name = "str." + method;
        return switch (method) {
            case "strip" -> PythonStrings.strip(s, optionalString(name, args, 0, 1));
            case "lstrip" -> PythonStrings.lstrip(s, optionalString(name, args, 0, 1));
            case "rstrip" -> PythonStrings.rstrip(s, optionalString(name, args, 0, 1));
            case "split" -> PythonStrings.split(s, optionalString(name, args, 0, 2), optionalInt(args, 1, -1));
            case "startswith" -> affixMatch(s, name, args, true);
            case "endswith" -> affixMatch(s, name, args, false);
            case "upper" -> PythonStrings.upper(requireNoArgs(s, name, args));
            case "lower" -> PythonStrings.lower(requireNoArgs(s, name, args));
            case "title" -> PythonStrings.title(requireNoArgs(s, name, args));
            case "join" -> {
                argCount(name, args, 1, 1);
                if (!(args[0] instanceof Iterable<?> parts)) {
                    throw new ChatTemplateException("str.join() needs a list, got " + args[0]);
                }
                List<String> texts = new ArrayList<>();
                parts.forEach(part -> texts.add(String.valueOf(part)));
                yield String.join(s, texts);
            }
            case "replace" -> {
                argCount(name, args, 2, 3);
                yield PythonStrings.replace(s, String.valueOf(args[0]), String.valueOf(args[1]), optionalInt(args, 2, -1));
            }
            // Java's String.format would run instead and print something else, silently
            case "format" -> throw new ChatTemplateException("str.format() is not supported; build the text with ~ or +");
            default -> UNHANDLED;
        };
    }

    /** {@code str.startswith(prefix)} / {@code endswith(suffix)}; the argument may be a tuple of candidates. */
    private static boolean affixMatch(String s, String name, Object[] args, boolean prefix) {
        argCount(name, args, 1, 1);
        List<?> candidates = args[0] instanceof Collection<?> many ? List.copyOf(many) : List.of(String.valueOf(args[0]));
        for (Object candidate : candidates) {
            String affix = String.valueOf(candidate);
            if (prefix ? s.startsWith(affix) : s.endsWith(affix)) {
                return true;
            }
        }
        return false;
    }

    /** {@code dict.get(key, default=None)}: the default only when the key is absent, not when its value is None. */
    private static Object get(Map<?, ?> map, Object[] args) {
        argCount("dict.get", args, 1, 2);
        if (map.containsKey(args[0])) {
            return map.get(args[0]);
        }
        return args.length > 1 ? args[1] : null;
    }

    private static String requireNoArgs(String s, String name, Object[] args) {
        argCount(name, args, 0, 0);
        return s;
    }

    private static String optionalString(String name, Object[] args, int index, int maxArgs) {
        argCount(name, args, 0, maxArgs);
        return args.length > index && args[index] != null ? args[index].toString() : null;
    }

    private static int optionalInt(Object[] args, int index, int fallback) {
        if (args.length <= index || args[index] == null) {
            return fallback;
        }
        if (!(args[index] instanceof Number number)) {
            throw new ChatTemplateException("expected an integer argument, got " + args[index]);
        }
        return number.intValue();
    }

    private static void argCount(String name, Object[] args, int min, int max) {
        if (args.length < min || args.length > max) {
            throw new ChatTemplateException(name + "() takes " + (min == max ? min : min + " to " + max)
                    + " arguments, got " + args.length);
        }
    }

    // Properties are left to the other resolvers.

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
