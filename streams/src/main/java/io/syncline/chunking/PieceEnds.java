package io.syncline.chunking;

import java.util.Arrays;

/**
 * Where a chunk may end: the ends of the pieces left after splitting a document recursively until every piece fits
 * the token budget. A piece that is too long is split at every boundary of the strongest kind inside it (paragraphs,
 * then lines, sentences, spaces, joints, and only last between the tokens of one word), and so on down. The chunker
 * then merges whole pieces greedily; it never ends a chunk anywhere else, so no piece is cut unless it alone is
 * larger than a chunk.
 */
final class PieceEnds {

    /** Token indices, increasing, each the end (exclusive) of one piece; the last is the token count. */
    private final int[] ends;

    private PieceEnds(int[] ends) {
        this.ends = ends;
    }

    static PieceEnds split(BoundaryMap boundaries, int tokenCount, int maxTokens) {
        Builder builder = new Builder(boundaries, maxTokens);
        if (tokenCount > 0) {
            builder.split(0, tokenCount);
        }
        return new PieceEnds(Arrays.copyOf(builder.ends, builder.size));
    }

    /** The last piece end at or before {@code token}, or -1 if every piece ends after it. */
    int lastAtOrBefore(int token) {
        int found = Arrays.binarySearch(ends, token);
        return found >= 0 ? ends[found] : (-found - 2 >= 0 ? ends[-found - 2] : -1);
    }

    /** The first piece end after {@code token}, or -1 if none is. */
    int firstAfter(int token) {
        int found = Arrays.binarySearch(ends, token);
        int next = found >= 0 ? found + 1 : -found - 1;
        return next < ends.length ? ends[next] : -1;
    }

    private static final class Builder {
        private final BoundaryMap boundaries;
        private final int maxTokens;
        private int[] ends = new int[64];
        private int size;

        Builder(BoundaryMap boundaries, int maxTokens) {
            this.boundaries = boundaries;
            this.maxTokens = maxTokens;
        }

        /**
         * Splits tokens {@code [from, to)}. Each level of recursion splits at a strictly weaker kind of boundary than
         * the one above, so it is at most as deep as there are kinds, and each level reads each token a few times.
         */
        void split(int from, int to) {
            if (to - from <= maxTokens) {
                add(to);
                return;
            }
            Boundary strongest = Boundary.INSIDE_WORD;
            for (int i = from + 1; i < to && strongest != Boundary.PARAGRAPH; i++) {
                if (boundaries.before(i).isStrongerThan(strongest)) {
                    strongest = boundaries.before(i);
                }
            }
            int pieceStart = from;
            for (int i = from + 1; i < to; i++) {
                if (boundaries.before(i) == strongest) {
                    split(pieceStart, i);
                    pieceStart = i;
                }
            }
            split(pieceStart, to);
        }

        private void add(int end) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
            }
            ends[size++] = end;
        }
    }
}
