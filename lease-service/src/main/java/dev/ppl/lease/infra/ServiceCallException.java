package dev.ppl.lease.infra;

/** A call to another service's internal API did not succeed; {@link #detail()} says why, in words for a user. */
public class ServiceCallException extends RuntimeException {
    private final int status;

    public ServiceCallException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    /** The HTTP status the service answered, or 0 when it could not be reached or did not answer in time. */
    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
