package io.syncline.workspace;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceSettingsTest {

    private final WorkspaceSettings settings = WorkspaceSettings.fromConfig(ConfigFactory.load());

    @Test
    void defaultsComeFromReferenceConf() {
        assertThat(settings.askTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retriesBackOffExponentiallyUpToTheMaximum() {
        assertThat(settings.retryBackoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retryBackoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.retryBackoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.retryBackoff(30)).isEqualTo(Duration.ofSeconds(60));
    }
}
