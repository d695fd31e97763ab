package io.syncline.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeySecretTest {

    @Test
    void aSecretNamesItsKeyAndMatchesOnlyItsOwnHash() {
        String id = KeySecret.newId();
        String secret = KeySecret.generate(id);

        assertThat(secret).startsWith("syn_" + id + "_").hasSize(4 + id.length() + 1 + 32);
        assertThat(KeySecret.idOf(secret)).contains(id);
        assertThat(KeySecret.matches(secret, KeySecret.hash(secret))).isTrue();
        assertThat(KeySecret.matches(secret + "x", KeySecret.hash(secret))).isFalse();
        assertThat(KeySecret.matches(KeySecret.generate(id), KeySecret.hash(secret))).isFalse();
    }

    @Test
    void secretsAreRandomAndSomethingElseNamesNoKey() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(KeySecret.generate("admin"));
        }

        assertThat(secrets).hasSize(1000);
        assertThat(KeySecret.idOf("Bearer abc")).isEqualTo(Optional.empty());
        assertThat(KeySecret.idOf("syn_admin_short")).isEmpty();
    }

    @Test
    void anOperatorKeyTooShortToBeASecretIsRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> new AuthSettings(Optional.of("password"), Duration.ofSeconds(5), 50, 200, 1000))
                .hasMessageContaining("at least 32").hasMessageContaining("openssl rand -hex 24");
        assertThatThrownBy(() -> new AuthSettings(Optional.empty(), Duration.ofMinutes(5), 50, 200, 1000))
                .hasMessageContaining("key-cache-ttl");
    }

    @Test
    void eachRoleMayWhatTheOnesBelowItMay() {
        assertThat(Role.ADMIN.allows(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.allows(Role.READER)).isTrue();
        assertThat(Role.READER.allows(Role.EDITOR)).isFalse();
        assertThat(Role.fromJson("editor")).isEqualTo(Role.EDITOR);
        assertThatThrownBy(() -> Role.fromJson("root")).hasMessageContaining("reader, editor, admin");
    }
}
