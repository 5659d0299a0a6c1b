package dev.ppl.gateway.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import dev.ppl.service.web.LimitExceededException;

/**
 * A request body read as it arrives, refused with 413 naming {@code body} the moment it passes its limit, so a
 * chunked body (no Content-Length to check up front) is never read further than the limit.
 */
public final class BoundedInputStream extends FilterInputStream {
    private final long limit;
    private final String setting;
    private long count;

    public BoundedInputStream(InputStream in, long limit, String setting) {
        super(in);
        this.limit = limit;
        this.setting = setting;
    }

    /** The whole body, which the caller needs in memory anyway (one record, one JSON tree); at most the limit. */
    public static byte[] readAll(InputStream in, long limit, String setting) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (BoundedInputStream bounded = new BoundedInputStream(in, limit, setting)) {
            return bounded.readAllBytes();
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    public long count() {
        return count;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw LimitExceededException.tooLarge("body", limit, setting, -1);
        }
    }
}
