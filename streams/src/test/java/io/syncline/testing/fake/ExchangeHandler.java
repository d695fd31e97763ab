package io.syncline.testing.fake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Decides what the fake does with each request, in the order a real provider's front end would: route (404, 405),
 * API key (401), rate limit (429), request validation (400), then the fault plan, then the normal answer. Records
 * every request on arrival. Never writes to a socket: the connection carries out the decision.
 */
final class ExchangeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeHandler.class);

    private final OpenAiProtocol openAi = new OpenAiProtocol();
    private final Map<Api, ProviderProtocol> protocols =
            Map.of(Api.OPEN_AI, openAi, Api.OLLAMA, new OllamaProtocol(), Api.COHERE, new CohereProtocol());
    private final Script script;
    private final RequestLog log;

    ExchangeHandler(Script script, RequestLog log) {
        this.script = script;
        this.log = log;
    }

    Decision decide(HttpRequestMessage request) {
        Api api = Api.forPath(request.path());
        ProviderProtocol protocol = protocols.get(api);
        boolean post = "POST".equals(request.method());
        EmbedCall call = null;
        ProviderError invalid = null;
        if (protocol != null && post) {
            try {
                call = protocol.parse(request.body());
            } catch (RequestRefusedException e) {
                invalid = e.error();
            }
        }
        RequestLog.Entry entry = log.open(api, request.method(), request.path(),
                call == null ? "" : call.model(), call == null ? List.of() : call.inputs());
        Duration latency = script.latency();

        if (protocol == null) {
            // unrouted paths get OpenAI's answer for them, the most common client being OpenAI's
            return error(entry, latency, openAi,
                    ProviderError.of(404, "Invalid URL (" + request.method() + " " + request.path() + ")"));
        }
        if (!post) {
            return answer(entry, latency, 405, Map.of("Allow", "POST"), protocol,
                    protocol.error(ProviderError.of(405, "Method Not Allowed: use POST " + api.path())));
        }
        if (protocol.requiresApiKey() && !hasBearerToken(request)) {
            return error(entry, latency, protocol, ProviderError.of(401, "You didn't provide an API key. You need to"
                    + " provide your API key in an Authorization header using Bearer auth."));
        }
        OptionalLong retryAfter = script.rateLimit().tryAcquire();
        if (retryAfter.isPresent()) {
            return tooManyRequests(entry, latency, protocol, retryAfter,
                    "Rate limit reached for requests per minute. Please try again in "
                            + retryAfter.getAsLong() + "s.");
        }
        if (invalid != null) {
            return error(entry, latency, protocol, invalid);
        }
        RecordedRequest recorded = log.current(entry);
        Fault fault = faultFor(new IncomingRequest(recorded.sequence(), recorded.arrivedAt(), api, call.model(),
                call.inputs()));
        log.decided(entry, fault);
        return apply(fault, latency, entry, protocol, call, recorded.sequence());
    }

    private Fault faultFor(IncomingRequest request) {
        try {
            return script.plan().decide(request);
        } catch (RuntimeException e) {
            // a broken plan shows as a 500 the test can see, and in the log with its stack trace
            LOG.error("fault plan failed on request {}", request.sequence(), e);
            return Fault.status(500, "The fake's fault plan failed: " + e);
        }
    }

    private Decision apply(Fault fault, Duration delay, RequestLog.Entry entry, ProviderProtocol protocol,
                           EmbedCall call, long sequence) {
        if (fault instanceof Fault.Delay) {
            Fault.Delay delayed = (Fault.Delay) fault;
            return apply(delayed.then(), delay.plus(delayed.delay()), entry, protocol, call, sequence);
        }
        if (fault instanceof Fault.Hang) {
            return new Decision(new Reply.Hang(), delay, log, entry);
        }
        if (fault instanceof Fault.Reset) {
            return new Decision(new Reply.Reset(), delay, log, entry);
        }
        if (fault instanceof Fault.Status) {
            Fault.Status status = (Fault.Status) fault;
            return error(entry, delay, protocol, ProviderError.of(status.status(), status.message()));
        }
        if (fault instanceof Fault.TooManyRequests) {
            return tooManyRequests(entry, delay, protocol, ((Fault.TooManyRequests) fault).retryAfterSeconds(),
                    "Rate limit reached for requests (scripted fault).");
        }
        if (fault instanceof Fault.RejectInput) {
            String field = protocol.inputsName() + "[" + ((Fault.RejectInput) fault).index() + "]";
            return error(entry, delay, protocol, ProviderError.badRequest(
                    "Invalid '" + field + "': this input was refused (scripted fault).", protocol.inputsName()));
        }
        int dimension = fault instanceof Fault.WrongDimension
                ? ((Fault.WrongDimension) fault).dimension()
                : call.dimensions().orElse(script.dimensions());
        byte[] body = protocol.embeddings(call, vectors(call.inputs(), dimension), sequence);
        if (fault instanceof Fault.MalformedJson) {
            // a prefix of a JSON object is never a whole one: the client's parser must fail
            body = Arrays.copyOf(body, body.length / 2);
        }
        return answer(entry, delay, 200, Map.of(), protocol, body);
    }

    private static List<float[]> vectors(List<String> texts, int dimension) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(FakeVectors.of(text, dimension));
        }
        return vectors;
    }

    private Decision tooManyRequests(RequestLog.Entry entry, Duration delay, ProviderProtocol protocol,
                                     OptionalLong retryAfterSeconds, String message) {
        Map<String, String> headers = new LinkedHashMap<>();
        retryAfterSeconds.ifPresent(seconds -> headers.put("Retry-After", Long.toString(seconds)));
        byte[] body = protocol.error(new ProviderError(429, message, null, "rate_limit_exceeded"));
        return answer(entry, delay, 429, headers, protocol, body);
    }

    private Decision error(RequestLog.Entry entry, Duration delay, ProviderProtocol protocol, ProviderError error) {
        ProviderError coded = error.status() == 401 && error.code() == null
                ? new ProviderError(401, error.message(), error.param(), "invalid_api_key")
                : error;
        return answer(entry, delay, error.status(), Map.of(), protocol, protocol.error(coded));
    }

    private Decision answer(RequestLog.Entry entry, Duration delay, int status, Map<String, String> headers,
                            ProviderProtocol protocol, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", protocol.contentType());
        return new Decision(new Reply.Answer(status, all, body), delay, log, entry);
    }

    private static boolean hasBearerToken(HttpRequestMessage request) {
        String authorization = request.header("authorization");
        return authorization != null
                && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")
                && !authorization.substring("bearer ".length()).isBlank();
    }
}
