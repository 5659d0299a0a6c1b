package dev.ppl.deploy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A container log cut into lines as its bytes arrive, holding at most one line of at most {@code maxLineBytes}: a
 * longer line (a process that never writes a newline) is handed over in pieces of that size, so what a log holds in
 * memory never depends on what the process wrote.
 */
public final class LogLines {
    private final Consumer<String> line;
    private final byte[] pending;
    private int length;

    public LogLines(int maxLineBytes, Consumer<String> line) {
        this.line = line;
        this.pending = new byte[maxLineBytes];
    }

    /** Hands over every line that {@code bytes} completes; what follows the last newline waits for more. */
    public void accept(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit();
            } else {
                if (length == pending.length) {
                    emit();
                }
                pending[length++] = b;
            }
        }
    }

    /** Hands over the line still being written, if any: the log has ended without its newline. */
    public void finish() {
        if (length > 0) {
            emit();
        }
    }

    /** Reads {@code in} to its end (or until {@code cancelled}) a buffer at a time; the last line is handed over too. */
    public void readAll(InputStream in, BooleanSupplier cancelled) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            accept(buffer, 0, n);
        }
        finish();
    }

    private void emit() {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        length = 0;
        line.accept(text);
    }
}
