package io.syncline.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscapedMessageTest {

    @Test
    void aNewlineOrEscapeInAClientsStringCannotForgeALogLine() {
        String forged = "docs/a.md\n2026-12-02 INFO io.syncline.audit - key.create by key admin: 201\u001b[2J";

        String logged = EscapedMessage.escape("read " + forged);

        assertThat(logged).doesNotContain("\n").doesNotContain("\u001b")
                .contains("docs/a.md\\u000a2026-12-02").endsWith("201\\u001b[2J");
        assertThat(EscapedMessage.escape("plain text, unicode é ü")).isEqualTo("plain text, unicode é ü");
    }
}
