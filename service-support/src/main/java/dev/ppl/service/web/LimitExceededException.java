package dev.ppl.service.web;

/**
 * An input went past one of the platform's limits (docs/limits.md): 413 for a size, 400 for a depth, count
 * or duration. The problem names the field, the limit, and the setting that raises it.
 */
public class LimitExceededException extends ProblemException {
    public LimitExceededException(int status, String field, long limit, String unit, String setting, String detail) {
        super(status, status == 413 ? "Payload too large" : "Invalid input", detail, field,
                "at most " + limit + " " + unit + " (setting " + setting + ")", limit);
    }

    /** 413: {@code field} is larger than {@code limit} bytes. */
    public static LimitExceededException tooLarge(String field, long limit, String setting, long size) {
        return new LimitExceededException(413, field, limit, "bytes", setting,
                field + " is " + (size < 0 ? "more than " + limit : String.valueOf(size)) + " bytes, over the limit of "
                        + limit + " (" + setting + ")");
    }

    /** 400: {@code field} has more {@code unit} than {@code limit}. */
    public static LimitExceededException tooMany(String field, long limit, String unit, String setting, long count) {
        return new LimitExceededException(400, field, limit, unit, setting,
                field + " has " + (count < 0 ? "more than " + limit : String.valueOf(count)) + " " + unit
                        + ", over the limit of " + limit + " (" + setting + ")");
    }
}
