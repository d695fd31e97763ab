package io.syncline.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key is one cluster-wide thing: made on one node it works on all three, and revoked on one it is refused by every
 * node within 10 s (each node trusts what it read of a key for 5 s).
 */
@ExtendWith(ChaosEnvironment.Resolver.class)
class KeyRevocationChaosIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @Test
    void aKeyRevokedOnOneNodeIsRefusedByEveryNodeWithinTenSeconds(ChaosEnvironment env) {
        List<ChaosNode> nodes = env.cluster().nodes();
        NodeApi admin = new NodeApi(nodes.get(0));
        NodeApi.Response created = admin.post("/v1/keys",
                "{\"name\":\"revoked soon\",\"role\":\"reader\",\"workspaces\":[\"*\"]}").expect(201);
        String secret = created.json().get("secret").asText();
        for (ChaosNode node : nodes) {
            // every node reads the new key, so each has it cached when it is revoked: the slowest case
            Await.until(Duration.ofSeconds(30), node.name() + " accepts the new key", () ->
                    new NodeApi(node, secret).get("/v1/providers").expect(200));
        }

        admin.delete("/v1/keys/" + created.json().get("id").asText()).expect(200);
        Instant revoked = Instant.now();

        for (ChaosNode node : nodes) {
            Duration left = WITHIN.minus(Duration.between(revoked, Instant.now()));
            assertThat(left.isNegative()).as("time left for " + node.name()).isFalse();
            Await.until(left, node.name() + " refuses the revoked key", () ->
                    new NodeApi(node, secret).get("/v1/providers").expect(401));
        }
        assertThat(Duration.between(revoked, Instant.now())).isLessThanOrEqualTo(WITHIN);
    }
}
