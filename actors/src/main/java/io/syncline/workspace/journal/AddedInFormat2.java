package io.syncline.workspace.journal;

/**
 * A Jackson value filter ({@code @JsonInclude(value = CUSTOM, valueFilter = AddedInFormat2.class)}) for fields that
 * format 2 added: while the node writes format 1 they are left out, so that what it writes is exactly what format 1
 * readers expect.
 */
public final class AddedInFormat2 {

    /** Jackson leaves a value out when the filter equals it. */
    @Override
    public boolean equals(Object value) {
        return JournalFormat.writes() < 2 || value == null;
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
