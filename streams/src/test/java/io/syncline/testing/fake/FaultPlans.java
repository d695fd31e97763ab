package io.syncline.testing.fake;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/** Ready-made {@link FaultPlan}s; each is deterministic, so a chaos run can be repeated exactly. */
public final class FaultPlans {

    private FaultPlans() {
    }

    public static FaultPlan none() {
        return request -> Fault.none();
    }

    public static FaultPlan always(Fault fault) {
        return request -> fault;
    }

    /** {@code fault} for requests 1 to {@code count} since the start or the last reset, none afterwards. */
    public static FaultPlan forFirst(long count, Fault fault) {
        return request -> request.sequence() <= count ? fault : Fault.none();
    }

    /**
     * For each request, independently: 500 with probability {@code p500}, 429 with {@code p429} (with
     * {@code Retry-After} rounded up to whole seconds, or without it when {@code retryAfter} is null), a hang with
     * {@code pHang}, otherwise none. The draw depends only on the seed and the request's sequence number, so the same
     * seed fails the same requests in every run.
     */
    public static FaultPlan random(long seed, double p500, double p429, Duration retryAfter, double pHang) {
        requireProbability(p500, "p500");
        requireProbability(p429, "p429");
        requireProbability(pHang, "pHang");
        if (p500 + p429 + pHang > 1) {
            throw new IllegalArgumentException("p500 + p429 + pHang must not exceed 1");
        }
        Fault tooMany = retryAfter == null ? Fault.tooManyRequests() : Fault.tooManyRequests(retryAfter);
        return request -> {
            // one fresh generator per request: the draw must not depend on which thread asked first
            double draw = new SplitMix64(seed ^ (request.sequence() * 0xD1B54A32D192ED03L)).nextDouble();
            if (draw < p500) {
                return Fault.status(500);
            }
            if (draw < p500 + p429) {
                return tooMany;
            }
            if (draw < p500 + p429 + pHang) {
                return Fault.hang();
            }
            return Fault.none();
        };
    }

    /** 400 naming the first input that contains {@code marker}, as a provider refusing one input of a batch. */
    public static FaultPlan rejectInputsContaining(String marker) {
        return rejectInputsMatching(text -> text.contains(marker));
    }

    /** 400 naming the first input that matches {@code refused}. */
    public static FaultPlan rejectInputsMatching(Predicate<String> refused) {
        return request -> {
            List<String> inputs = request.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                if (refused.test(inputs.get(i))) {
                    return Fault.rejectInput(i);
                }
            }
            return Fault.none();
        };
    }

    /** 503 for every request that arrives at or after {@code from} and before {@code until}. */
    public static FaultPlan outage(Instant from, Instant until) {
        return request -> !request.arrivedAt().isBefore(from) && request.arrivedAt().isBefore(until)
                ? Fault.status(503, "The service is temporarily unavailable (scripted outage).")
                : Fault.none();
    }

    /** The first fault that is not none among {@code plans}, asked in order. */
    public static FaultPlan firstOf(FaultPlan... plans) {
        FaultPlan combined = none();
        for (int i = plans.length - 1; i >= 0; i--) {
            combined = plans[i].orElse(combined);
        }
        return combined;
    }

    private static void requireProbability(double p, String name) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + p);
        }
    }
}
