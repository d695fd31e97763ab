package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterViewTest {

    @Test
    void readsPekkoManagementsMembersAnswer() throws Exception {
        String body = "{\"selfNode\":\"pekko://Syncline@10.213.0.3:25520\",\"leader\":\"pekko://Syncline@10.213.0.3:25520\","
                + "\"oldest\":\"pekko://Syncline@10.213.0.3:25520\",\"oldestPerRole\":{},"
                + "\"members\":[{\"node\":\"pekko://Syncline@10.213.0.3:25520\",\"nodeUid\":\"1\",\"status\":\"Up\","
                + "\"roles\":[\"dc-default\"]},{\"node\":\"pekko://Syncline@10.213.0.4:25520\",\"nodeUid\":\"2\","
                + "\"status\":\"Joining\",\"roles\":[\"dc-default\"]}],"
                + "\"unreachable\":[{\"node\":\"pekko://Syncline@10.213.0.4:25520\","
                + "\"observedBy\":[\"pekko://Syncline@10.213.0.3:25520\"]}]}";

        ClusterView.Members members = ClusterView.parse(body);

        assertThat(members.up()).containsExactly("pekko://Syncline@10.213.0.3:25520");
        assertThat(members.member("pekko://Syncline@10.213.0.4:25520")).get()
                .extracting(ClusterView.Member::status).isEqualTo("Joining");
        assertThat(members.unreachable()).singleElement().satisfies(u -> assertThat(u.observedBy())
                .containsExactly("pekko://Syncline@10.213.0.3:25520"));
        assertThat(members.oldest()).isEqualTo("pekko://Syncline@10.213.0.3:25520");
    }

    @Test
    void aClusterWithoutLeaderHasNone() throws Exception {
        assertThat(ClusterView.parse("{\"selfNode\":\"x\",\"members\":[],\"unreachable\":[]}").leader()).isNull();
    }
}
