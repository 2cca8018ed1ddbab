package ai.raif.trainer.text;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;

import java.lang.reflect.Method;
import java.time.Instant;
import java.time.ZonedDateTime;

/** The global functions transformers gives chat templates, registered with Jinjava as static methods. */
final class TemplateFunctions {

    private TemplateFunctions() {}

    /** Registers both, as jinja2 globals, with {@code context}. */
    static void register(Context context) {
        context.registerFunction(function("raise_exception", "raiseException"));
        context.registerFunction(function("strftime_now", "strftimeNow"));
    }

    private static ELFunctionDefinition function(String name, String method) {
        try {
            Method target = TemplateFunctions.class.getDeclaredMethod(method, String.class);
            // the methods are package-private; Jinjava calls them reflectively from its own package
            target.setAccessible(true);
            return new ELFunctionDefinition("", name, target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code raise_exception(message)}: aborts rendering; {@link ChatTemplate} rethrows it with exactly this message. */
    static Object raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** {@code strftime_now(format)}: the current local time in Python strftime format, from the renderer's clock. */
    static String strftimeNow(String format) {
        JinjavaConfig config = JinjavaInterpreter.getCurrent().getConfig();
        Instant now = Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis());
        return StrftimeFormatter.format(ZonedDateTime.ofInstant(now, config.getTimeZone()), format, config.getLocale());
    }

    /** Marks the exception a template raised on purpose, so it can be told apart from other rendering errors. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
