package ai.raif.trainer.text;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;

import jinjava.javax.el.CompositeELResolver;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Renders a Hugging Face Jinja chat template the way transformers' {@code apply_chat_template} does: Jinja with
 * {@code trim_blocks} and {@code lstrip_blocks} (settled by {@link JinjavaSource} before Jinjava sees the text), the
 * globals {@code raise_exception} and {@code strftime_now}, HF's {@code tojson}, and the Python string/dict methods
 * templates call. Templates are untrusted input: they get no file or classpath access ({@code include}/{@code import}
 * fail), and Jinjava's own sandbox blocks reflection.
 *
 * <p>Known differences from jinja2, none of which the templates we test depend on: a boolean prints as
 * {@code true}/{@code false} rather than {@code True}/{@code False}, None prints as an empty string, an undefined
 * variable behaves as None (so {@code tools is defined} is false when no tools are given, where transformers passes
 * None), and slices with a step other than {@code [::-1]} do not parse. Thread-safe.
 */
public final class ChatTemplate {

    private static final Set<String> RESERVED = Set.of("messages", "add_generation_prompt");
    /** How long a render may take: a template is untrusted input, and a loop over ranges can run for hours. */
    public static final Duration DEFAULT_RENDER_BOUND = Duration.ofSeconds(10);
    /** Renders run here, so that a render past its bound can be interrupted (Jinjava checks as it evaluates). */
    private static final ExecutorService RENDERERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raif-chat-template");
        t.setDaemon(true);
        return t;
    });

    /** The template with Jinja2's whitespace rules already applied, which Jinjava then renders as written. */
    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;
    private final Duration renderBound;

    /** {@code bosToken}/{@code eosToken} may be null when the tokenizer has none; the template then sees them undefined. */
    public ChatTemplate(String template, String bosToken, String eosToken) {
        this(template, bosToken, eosToken, Clock.systemDefaultZone());
    }

    /** As above, with the clock (and its zone) that {@code strftime_now} reads. */
    public ChatTemplate(String template, String bosToken, String eosToken, Clock clock) {
        this(template, bosToken, eosToken, clock, DEFAULT_RENDER_BOUND);
    }

    /** As above, with the longest a render may take before it fails. */
    public ChatTemplate(String template, String bosToken, String eosToken, Clock clock, Duration renderBound) {
        this.template = JinjavaSource.translate(Objects.requireNonNull(template, "template"));
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.jinjava = newJinjava(clock);
        this.renderBound = Objects.requireNonNull(renderBound, "renderBound");
    }

    /** The template of {@code tokenizer}, with its bos/eos token texts. */
    public static ChatTemplate forTokenizer(TextTokenizer tokenizer) {
        if (tokenizer.chatTemplate() == null) {
            throw new IllegalArgumentException("the tokenizer has no chat template");
        }
        return new ChatTemplate(tokenizer.chatTemplate(), tokenizer.bosToken(), tokenizer.eosToken());
    }

    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders with extra template variables (e.g. {@code tools}, {@code date_string}), given as plain Java values:
     * String, Number, Boolean, null, Map and List. They override {@code bos_token}/{@code eos_token}, as in HF.
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, Map<String, ?> variables) {
        for (String name : RESERVED) {
            if (variables.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is set by render itself and cannot be an extra variable");
            }
        }
        Map<String, Object> bindings = new HashMap<>();
        if (bosToken != null) {
            bindings.put("bos_token", bosToken);
        }
        if (eosToken != null) {
            bindings.put("eos_token", eosToken);
        }
        bindings.putAll(variables);
        List<Map<String, Object>> messageMaps = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", message.role());
            map.put("content", message.content());
            messageMaps.add(map);
        }
        bindings.put("messages", messageMaps);
        bindings.put("add_generation_prompt", addGenerationPrompt);

        RenderResult result = renderBounded(bindings);
        failOnErrors(result.getErrors());
        return result.getOutput();
    }

    private RenderResult renderBounded(Map<String, Object> bindings) {
        Future<RenderResult> render = RENDERERS.submit(() -> jinjava.renderForResult(template, bindings));
        try {
            return render.get(renderBound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            render.cancel(true);
            throw new ChatTemplateException("chat template ran longer than " + renderBound.toMillis()
                    + " ms and was stopped");
        } catch (InterruptedException e) {
            render.cancel(true);
            Thread.currentThread().interrupt();
            throw new ChatTemplateException("interrupted while rendering the chat template");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new ChatTemplateException("chat template failed to render: " + e.getCause());
        }
    }

    /** A template's own {@code raise_exception} wins; otherwise every fatal error is reported. */
    private static void failOnErrors(List<TemplateError> errors) {
        List<TemplateError> fatal = errors.stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        for (TemplateError error : fatal) {
            for (Throwable cause = error.getException(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TemplateFunctions.TemplateRaisedException raised) {
                    throw new ChatTemplateException(raised.getMessage());
                }
            }
        }
        if (!fatal.isEmpty()) {
            throw new ChatTemplateException("chat template failed to render: " + fatal.stream()
                    .map(error -> "line " + error.getLineno() + ": " + error.getMessage())
                    .collect(Collectors.joining("; ")));
        }
    }

    private static Jinjava newJinjava(Clock clock) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withElResolver(resolver)
                // lists and dicts print as Python would ("['a']", "{'k': 1}") rather than as Java collections
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUsePyishObjectMapper(true).build())
                .withDateTimeProvider(clock::millis)
                .withTimeZone(clock.getZone())
                // Python's strftime in the C locale, which is what transformers runs with
                .withLocale(Locale.ENGLISH)
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("chat templates cannot load other templates: " + name);
        });
        TemplateFunctions.register(jinjava.getGlobalContext());
        jinjava.getGlobalContext().registerFilter(new ToJsonFilter());
        jinjava.getGlobalContext().registerFilter(new PythonTrimFilter());
        jinjava.getGlobalContext().registerFilter(new PythonItemsFilter());
        return jinjava;
    }
}
