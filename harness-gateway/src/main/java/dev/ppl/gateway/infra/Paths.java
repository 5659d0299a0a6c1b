package dev.ppl.gateway.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query strings for calls to the services. */
public final class Paths {
    private Paths() {
    }

    /** {@code ?k=v&...} for the pairs whose value is not null, or "" when there are none. */
    public static String query(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                out.append(out.isEmpty() ? '?' : '&').append(pairs[i]).append('=')
                        .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}
