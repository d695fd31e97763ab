package io.syncline.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteLabelTest {

    @Test
    void idsBecomePlaceholdersAndTheApiWordsStay() {
        assertThat(RouteLabel.of("/v1/workspaces/team-a/syncs/job-123")).isEqualTo("/v1/workspaces/{id}/syncs/{id}");
        assertThat(RouteLabel.of("/v1/workspaces/team-a/search")).isEqualTo("/v1/workspaces/{id}/search");
        assertThat(RouteLabel.of("/v1/providers")).isEqualTo("/v1/providers");
        assertThat(RouteLabel.of("/")).isEqualTo("/");
    }

    @Test
    void aClientsPathCannotMakeALabelOfItsOwn() {
        assertThat(RouteLabel.of("/v1/workspaces/secret-token-in-a-path")).isEqualTo("/v1/workspaces/{id}");
        assertThat(RouteLabel.of("/a/b/c/d/e/f/g/h/i/j/k")).isEqualTo("/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/...");
        assertThat(RouteLabel.of("//v1//workspaces//x")).isEqualTo("/v1/workspaces/{id}");
    }
}
