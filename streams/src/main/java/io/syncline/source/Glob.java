package io.syncline.source;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A path glob matched in time linear in the path's length: {@code *} and {@code ?} stay within one path segment,
 * {@code **} spans directories, {@code **}{@code /} at a segment's start matches zero or more whole directories,
 * every other character is literal. It runs as a set of states advanced one character at a time, never by
 * backtracking, so no glob a client sends can make a match take exponential time, as a regular expression made
 * of many {@code **} and {@code *} in a row does on a long path that almost matches.
 */
final class Glob {

    private enum Kind {
        /** One given character. */
        LITERAL,
        /** One character but '/'. */
        ONE,
        /** Any run of characters but '/'; may be empty. */
        SEGMENT_RUN,
        /** Any run of characters; may be empty. */
        ANY_RUN,
        /** Zero or more whole directories: empty, or any run of characters that ends with '/'. */
        DIRECTORIES
    }

    private record Step(Kind kind, char literal) {
    }

    private final List<Step> steps;

    private Glob(List<Step> steps) {
        this.steps = steps;
    }

    static Glob compile(String glob) {
        String g = glob.startsWith("/") ? glob.substring(1) : glob;
        List<Step> steps = new ArrayList<>();
        int i = 0;
        while (i < g.length()) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean segmentStart = i == 0 || g.charAt(i - 1) == '/';
                boolean followedBySlash = i + 2 < g.length() && g.charAt(i + 2) == '/';
                if (segmentStart && followedBySlash) {
                    steps.add(new Step(Kind.DIRECTORIES, '\0'));
                    i += 3;
                } else {
                    steps.add(new Step(Kind.ANY_RUN, '\0'));
                    i += 2;
                }
            } else if (c == '*') {
                steps.add(new Step(Kind.SEGMENT_RUN, '\0'));
                i++;
            } else if (c == '?') {
                steps.add(new Step(Kind.ONE, '\0'));
                i++;
            } else {
                steps.add(new Step(Kind.LITERAL, c));
                i++;
            }
        }
        return new Glob(steps);
    }

    /*
     * States: 2 * i means "before step i"; 2 * i + 1 means "inside step i" (a DIRECTORIES step that has read
     * characters but not yet the '/' that ends it). State 2 * steps.size() accepts.
     */
    boolean matches(String path) {
        int accept = 2 * steps.size();
        BitSet current = new BitSet(accept + 1);
        current.set(0);
        closeOver(current);
        for (int p = 0; p < path.length() && !current.isEmpty(); p++) {
            char c = path.charAt(p);
            BitSet next = new BitSet(accept + 1);
            for (int state = current.nextSetBit(0); state >= 0 && state < accept;
                 state = current.nextSetBit(state + 1)) {
                Step step = steps.get(state / 2);
                int after = 2 * (state / 2 + 1);
                switch (step.kind()) {
                    case LITERAL -> {
                        if (c == step.literal()) {
                            next.set(after);
                        }
                    }
                    case ONE -> {
                        if (c != '/') {
                            next.set(after);
                        }
                    }
                    case SEGMENT_RUN -> {
                        if (c != '/') {
                            next.set(state);
                        }
                    }
                    case ANY_RUN -> next.set(state);
                    case DIRECTORIES -> {
                        next.set(state | 1); // keep reading the directories
                        if (c == '/') {
                            next.set(after);
                        }
                    }
                }
            }
            closeOver(next);
            current = next;
        }
        return current.get(accept);
    }

    /** Adds the states reachable without reading: past every step that may match nothing. */
    private void closeOver(BitSet states) {
        for (int i = 0; i < steps.size(); i++) {
            if (states.get(2 * i) && steps.get(i).kind() != Kind.LITERAL && steps.get(i).kind() != Kind.ONE) {
                states.set(2 * (i + 1));
            }
        }
    }
}
