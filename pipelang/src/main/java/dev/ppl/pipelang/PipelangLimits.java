package dev.ppl.pipelang;

import java.util.List;
import java.util.Map;

/**
 * How long and how deeply nested a type or literal may be. Parsing, checking, unification and substitution
 * all recurse over a value's structure, so a value nested past {@link #maxDepth()} is refused where it is
 * parsed or built, before any of them could run out of stack: a 40 KB text of brackets must cost its sender
 * a 400, not the service a thread.
 *
 * <p>
 * Both are JVM system properties read once ({@value #DEPTH_SETTING}, default {@value #DEFAULT_DEPTH} levels;
 * {@value #LENGTH_SETTING}, default {@value #DEFAULT_LENGTH} characters), the same in the services and the CLI.
 */
public final class PipelangLimits {
    public static final String DEPTH_SETTING = "ppl.pipelang.max-depth";
    public static final String LENGTH_SETTING = "ppl.pipelang.max-length";
    static final int DEFAULT_DEPTH = 32;
    static final int DEFAULT_LENGTH = 65536;

    private static final int MAX_DEPTH = Integer.getInteger(DEPTH_SETTING, DEFAULT_DEPTH);
    private static final int MAX_LENGTH = Integer.getInteger(LENGTH_SETTING, DEFAULT_LENGTH);

    private PipelangLimits() {
    }

    /** The deepest nesting allowed: {@code Int} is 1 level, {@code [Int]} 2, {@code [[Int]]} 3. */
    public static int maxDepth() {
        return MAX_DEPTH;
    }

    /** The longest text the parsers read, in characters. */
    public static int maxLength() {
        return MAX_LENGTH;
    }

    /** Refuses a node whose children are already within the limit but which would itself go past it. */
    static void checkChildren(List<?> children) {
        int deepest = 0;
        for (Object child : children) {
            deepest = Math.max(deepest, depth(child));
        }
        if (deepest + 1 > MAX_DEPTH) {
            throw PipelangException.tooDeep(-1);
        }
    }

    /** The nesting of a type or literal; its parts were each checked when built, so this recursion is bounded. */
    static int depth(Object node) {
        List<?> children;
        if (node instanceof Type.Named n) {
            children = n.args();
        } else if (node instanceof Type.ListOf l) {
            children = List.of(l.element());
        } else if (node instanceof Type.TupleOf t) {
            children = t.elements();
        } else if (node instanceof Type.RecordOf r) {
            children = List.copyOf(r.fields().values());
        } else if (node instanceof Literal.ListLit l) {
            children = l.items();
        } else if (node instanceof Literal.TupleLit t) {
            children = t.items();
        } else if (node instanceof Literal.RecordLit r) {
            children = List.copyOf(r.fields().values());
        } else {
            return 1;
        }
        int deepest = 0;
        for (Object child : children) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    static <V> List<V> values(Map<String, V> fields) {
        return List.copyOf(fields.values());
    }
}
