package dev.ppl.pipelang;

/**
 * A pipelang text that does not parse, a literal that does not have its declared type, or two types that do not
 * unify.
 *
 * <p>
 * Syntax errors carry the 0-based character offset into the parsed text ({@link #position()}); literal checks carry
 * the location inside the value ({@link #path()}, e.g. {@code [2].score}); unification errors carry neither and
 * describe the mismatch in the message instead.
 */
public final class PipelangException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String detail;
    private final int position;
    private final String path;
    private final String expected;
    private final String found;
    private final long limit;
    private final String setting;

    PipelangException(String detail, int position, String path, String expected, String found) {
        this(detail, position, path, expected, found, -1, null);
    }

    private PipelangException(String detail, int position, String path, String expected, String found, long limit,
            String setting) {
        super(prefix(position, path) + detail);
        this.detail = detail;
        this.position = position;
        this.path = path;
        this.expected = expected;
        this.found = found;
        this.limit = limit;
        this.setting = setting;
    }

    /** A value nested deeper than {@link PipelangLimits#maxDepth()}; {@code position} is -1 when not parsing. */
    static PipelangException tooDeep(int position) {
        int max = PipelangLimits.maxDepth();
        return new PipelangException("nested deeper than " + max + " levels, the limit (" + PipelangLimits.DEPTH_SETTING
                + ")", position, "", "at most " + max + " levels of nesting", "more", max, PipelangLimits.DEPTH_SETTING);
    }

    /** A text longer than {@link PipelangLimits#maxLength()}. */
    static PipelangException tooLong(int length) {
        int max = PipelangLimits.maxLength();
        return new PipelangException(length + " characters long, over the limit of " + max + " ("
                + PipelangLimits.LENGTH_SETTING + ")", -1, "", "at most " + max + " characters", length + " characters", max,
                PipelangLimits.LENGTH_SETTING);
    }

    /** A syntax error at {@code position} in the parsed text. */
    static PipelangException syntax(int position, String expected, String found) {
        return new PipelangException(expectedFound(expected, found), position, "", expected, found);
    }

    /** A value rejected without a location, e.g. by a record's compact constructor. */
    static PipelangException invalid(String expected, String found) {
        return new PipelangException(expectedFound(expected, found), -1, "", expected, found);
    }

    /** A literal that does not have its type, at {@code path} inside the checked value. */
    static PipelangException mismatch(String path, String expected, String found) {
        return new PipelangException(expectedFound(expected, found), -1, path, expected, found);
    }

    /**
     * The same problem, located at {@code position}: lets the parser report errors raised by the constructors it
     * calls at the place in the text that caused them.
     */
    PipelangException at(int position) {
        return new PipelangException(detail, position, path, expected, found, limit, setting);
    }

    /** The limit of {@link PipelangLimits} the value went past, or -1 when the error is not about a limit. */
    public long limit() {
        return limit;
    }

    /** The system property that sets {@link #limit()}, or null. */
    public String setting() {
        return setting;
    }

    /** The 0-based character offset into the parsed text, or -1 when the error is not about a text position. */
    public int position() {
        return position;
    }

    /** Where inside a checked literal the error is, such as {@code [2].score}; empty at the root or when unused. */
    public String path() {
        return path;
    }

    /** What was expected, e.g. {@code ']' or ','} or {@code a Double literal such as 1.0}. */
    public String expected() {
        return expected;
    }

    /** What was found instead, e.g. {@code end of input} or {@code Int literal 1}. */
    public String found() {
        return found;
    }

    private static String expectedFound(String expected, String found) {
        return "expected " + expected + ", found " + found;
    }

    private static String prefix(int position, String path) {
        if (position >= 0) {
            return "at " + position + ": ";
        }
        return path.isEmpty() ? "" : "at " + path + ": ";
    }
}
