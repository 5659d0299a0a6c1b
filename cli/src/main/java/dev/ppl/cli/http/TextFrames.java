package dev.ppl.cli.http;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket listener that queues whole frames, text and binary (an image output harness sends both), so
 * the caller can read them one at a time with a timeout. A close or an error ends the queue.
 */
public class TextFrames implements WebSocket.Listener {
    /** What {@link #next} answers: a frame, or why there will be none. */
    public sealed interface Next permits Frame, Binary, Closed, TimedOut {
    }

    public record Frame(String text) implements Next {
    }

    public record Binary(byte[] bytes) implements Next {
    }

    public record Closed(String reason) implements Next {
    }

    public record TimedOut() implements Next {
    }

    private final BlockingQueue<Next> queue = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            queue.add(new Frame(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            queue.add(new Binary(partialBinary.toByteArray()));
            partialBinary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        queue.add(new Closed("closed by the server (" + statusCode + (reason.isEmpty() ? "" : ": " + reason) + ")"));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        queue.add(new Closed("connection failed: " + error));
    }

    public Next next(long timeout, TimeUnit unit) {
        try {
            Next next = queue.poll(timeout, unit);
            return next == null ? new TimedOut() : next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Closed("interrupted");
        }
    }
}
