package io.syncline.testing.fake;

/**
 * Decides, request by request, which {@link Fault} the fake applies. A plan must be a pure function of the request
 * (sequence number, arrival time, API, model, texts) so that a run with the same requests fails the same way; it is
 * called from the server's connection threads, possibly concurrently. {@link FaultPlans} has ready-made ones.
 */
@FunctionalInterface
public interface FaultPlan {

    Fault decide(IncomingRequest request);

    /** This plan's fault, or {@code next}'s where this plan has none. */
    default FaultPlan orElse(FaultPlan next) {
        return request -> {
            Fault fault = decide(request);
            return fault.isNone() ? next.decide(request) : fault;
        };
    }
}
