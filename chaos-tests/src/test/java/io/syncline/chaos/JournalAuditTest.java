package io.syncline.chaos;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalAuditTest {

    private static final String PID = "Workspace|chaos";

    @Test
    void aJournalWrittenByOneIncarnationAfterAnotherIsIntact() {
        List<JournalAudit.Entry> entries = entries("a", 1, 5);
        entries.addAll(entries("b", 6, 9));

        assertThat(JournalAudit.problems(PID, entries)).isEmpty();
        assertThat(JournalAudit.writers(entries)).containsExactly("a", "b");
    }

    @Test
    void rowsInAnyOrderAreJudgedBySequenceNumber() {
        List<JournalAudit.Entry> entries = entries("a", 1, 3);
        entries.add(0, new JournalAudit.Entry(0, 4, "b"));

        assertThat(JournalAudit.problems(PID, entries)).isEmpty();
        assertThat(JournalAudit.writers(entries)).containsExactly("a", "b");
    }

    @Test
    void aGapIsReportedWithTheMissingNumbers() {
        List<JournalAudit.Entry> entries = entries("a", 1, 3);
        entries.addAll(entries("a", 7, 8));

        assertThat(JournalAudit.problems(PID, entries)).containsExactly(PID + ": sequence numbers 4..6 missing");
    }

    @Test
    void aJournalThatDoesNotStartAtOneHasAGap() {
        assertThat(JournalAudit.problems(PID, entries("a", 3, 4))).containsExactly(PID + ": sequence numbers 1..2 missing");
    }

    @Test
    void aSequenceNumberWrittenTwiceIsADuplicateWithBothWriters() {
        List<JournalAudit.Entry> entries = entries("a", 1, 4);
        entries.add(new JournalAudit.Entry(0, 4, "b"));
        entries.addAll(entries("b", 5, 6));

        assertThat(JournalAudit.problems(PID, entries)).containsExactly(PID + ": sequence number 4 written twice"
                + " (writers [a, b])");
    }

    @Test
    void anEarlierWriterWritingAgainAfterANewOneTookOverIsASplitBrain() {
        List<JournalAudit.Entry> entries = entries("a", 1, 3);
        entries.addAll(entries("b", 4, 5));
        entries.addAll(entries("a", 6, 6));

        assertThat(JournalAudit.problems(PID, entries)).containsExactly(PID + ": writer a wrote sequence number 6"
                + " after writer b had taken over");
    }

    @Test
    void anEmptyJournalIsAProblemNotAPass() {
        assertThat(JournalAudit.problems(PID, List.of())).containsExactly(PID + ": no events at all");
    }

    private static List<JournalAudit.Entry> entries(String writer, long from, long to) {
        List<JournalAudit.Entry> entries = new ArrayList<>();
        for (long seq = from; seq <= to; seq++) {
            entries.add(new JournalAudit.Entry(0, seq, writer));
        }
        return entries;
    }
}
