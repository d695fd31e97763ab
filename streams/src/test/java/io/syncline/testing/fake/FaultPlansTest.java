package io.syncline.testing.fake;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultPlansTest {

    private static final Instant NOON = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void aRandomPlanFailsTheSameRequestsForTheSameSeed() {
        FaultPlan first = FaultPlans.random(42, 0.1, 0.1, Duration.ofSeconds(2), 0.05);
        FaultPlan again = FaultPlans.random(42, 0.1, 0.1, Duration.ofSeconds(2), 0.05);
        FaultPlan otherSeed = FaultPlans.random(43, 0.1, 0.1, Duration.ofSeconds(2), 0.05);

        assertThat(decisions(again, 1000)).isEqualTo(decisions(first, 1000));
        assertThat(decisions(otherSeed, 1000)).isNotEqualTo(decisions(first, 1000));
    }

    @Test
    void aRandomPlanDependsOnTheSequenceNumberNotOnTheOrderOfAsking() {
        FaultPlan plan = FaultPlans.random(7, 0.3, 0.3, null, 0.2);

        Fault forward = plan.decide(request(500, List.of("x")));
        decisions(plan, 100);

        assertThat(plan.decide(request(500, List.of("y")))).isEqualTo(forward);
    }

    @Test
    void aRandomPlanHitsItsProportions() {
        List<Fault> faults = decisions(FaultPlans.random(1, 0.2, 0.1, Duration.ofMillis(1500), 0.05), 20_000);

        assertThat(share(faults, Fault.status(500))).isBetween(0.18, 0.22);
        assertThat(share(faults, new Fault.TooManyRequests(OptionalLong.of(2)))).isBetween(0.08, 0.12);
        assertThat(share(faults, Fault.hang())).isBetween(0.04, 0.06);
        assertThat(share(faults, Fault.none())).isBetween(0.63, 0.67);
    }

    @Test
    void aRandomPlanWithoutRetryAfterSendsTooManyRequestsWithoutIt() {
        List<Fault> faults = decisions(FaultPlans.random(3, 0, 1, null, 0), 10);

        assertThat(faults).containsOnly(Fault.tooManyRequests());
    }

    @Test
    void probabilitiesOverOneAreRefused() {
        assertThatThrownBy(() -> FaultPlans.random(1, 0.5, 0.4, null, 0.2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlans.random(1, -0.1, 0, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectingInputsNamesTheFirstInputThatContainsTheMarker() {
        FaultPlan plan = FaultPlans.rejectInputsContaining("POISON");

        assertThat(plan.decide(request(1, List.of("fine", "also fine", "POISON here", "POISON too"))))
                .isEqualTo(Fault.rejectInput(2));
        assertThat(plan.decide(request(2, List.of("fine", "also fine")))).isEqualTo(Fault.none());
    }

    @Test
    void anOutageCoversItsStartAndNotItsEnd() {
        FaultPlan plan = FaultPlans.outage(NOON, NOON.plusSeconds(60));

        assertThat(plan.decide(at(NOON.minusMillis(1)))).isEqualTo(Fault.none());
        assertThat(plan.decide(at(NOON))).isInstanceOf(Fault.Status.class)
                .extracting(fault -> ((Fault.Status) fault).status()).isEqualTo(503);
        assertThat(plan.decide(at(NOON.plusSeconds(59)))).isInstanceOf(Fault.Status.class);
        assertThat(plan.decide(at(NOON.plusSeconds(60)))).isEqualTo(Fault.none());
    }

    @Test
    void combinedPlansGiveTheFirstFaultThatIsNotNone() {
        FaultPlan plan = FaultPlans.firstOf(
                FaultPlans.rejectInputsContaining("bad"),
                FaultPlans.forFirst(2, Fault.status(500)),
                FaultPlans.always(Fault.delay(Duration.ofMillis(5))));

        assertThat(plan.decide(request(1, List.of("bad")))).isEqualTo(Fault.rejectInput(0));
        assertThat(plan.decide(request(2, List.of("good")))).isEqualTo(Fault.status(500));
        assertThat(plan.decide(request(3, List.of("good")))).isEqualTo(Fault.delay(Duration.ofMillis(5)));
    }

    @Test
    void forFirstFailsOnlyTheFirstRequests() {
        FaultPlan plan = FaultPlans.forFirst(3, Fault.reset());

        assertThat(decisions(plan, 5)).containsExactly(
                Fault.reset(), Fault.reset(), Fault.reset(), Fault.none(), Fault.none());
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        assertThat(Fault.tooManyRequests(Duration.ofMillis(1001)))
                .isEqualTo(new Fault.TooManyRequests(OptionalLong.of(2)));
        assertThat(Fault.tooManyRequests(Duration.ofSeconds(3)))
                .isEqualTo(new Fault.TooManyRequests(OptionalLong.of(3)));
    }

    private static List<Fault> decisions(FaultPlan plan, int count) {
        List<Fault> faults = new ArrayList<>();
        for (long sequence = 1; sequence <= count; sequence++) {
            faults.add(plan.decide(request(sequence, List.of("text"))));
        }
        return faults;
    }

    private static double share(List<Fault> faults, Fault fault) {
        return faults.stream().filter(fault::equals).count() / (double) faults.size();
    }

    private static IncomingRequest request(long sequence, List<String> inputs) {
        return new IncomingRequest(sequence, NOON, Api.OPEN_AI, "text-embedding-3-small", inputs);
    }

    private static IncomingRequest at(Instant arrival) {
        return new IncomingRequest(1, arrival, Api.OPEN_AI, "text-embedding-3-small", List.of("text"));
    }
}
