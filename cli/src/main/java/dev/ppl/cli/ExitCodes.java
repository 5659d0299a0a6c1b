package dev.ppl.cli;

/** The CLI's exit codes; documented in cli/README.md and in {@code ppl --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /**
     * The live test failed, a case failed, or the stream closed early; for {@code lease wait}, the final event
     * was failed or timeout, or the stream broke.
     */
    public static final int TEST_FAILED = 1;
    /** A usage error or invalid input: bad manifest, missing file. */
    public static final int INVALID_INPUT = 2;
    /** The API refused the request. */
    public static final int API_REFUSED = 3;
    /** The gateway or the local platform cannot be reached. */
    public static final int UNREACHABLE = 4;

    private ExitCodes() {
    }
}
