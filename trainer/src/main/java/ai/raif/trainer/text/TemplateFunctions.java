package ai.raif.trainer.text;

import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;

import java.time.Instant;
import java.time.ZonedDateTime;

/** The global functions transformers gives chat templates. Jinjava calls them as public static methods. */
public final class TemplateFunctions {

    private TemplateFunctions() {}

    /** {@code raise_exception(message)}: aborts rendering; {@link ChatTemplate} rethrows it with exactly this message. */
    public static Object raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** {@code strftime_now(format)}: the current local time in Python strftime format, from the renderer's clock. */
    public static String strftimeNow(String format) {
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
