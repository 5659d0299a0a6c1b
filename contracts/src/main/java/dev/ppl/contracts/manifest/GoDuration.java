package dev.ppl.contracts.manifest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as the reference pages use them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 7d}; at most
 * {@link DocumentLimits#MAX_DURATION}, so no caller's date arithmetic can overflow.
 */
public final class GoDuration {
    /** Nine digits a part: no part can overflow, whatever its unit. */
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private GoDuration() {
    }

    public static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new ManifestException(field, "a duration such as 90s, 10m, 1h30m or 7d");
        }
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.trim().length() || total.isZero()) {
            throw new ManifestException(field, "a duration such as 90s, 10m, 1h30m or 7d, got '" + text + "'");
        }
        if (total.compareTo(DocumentLimits.MAX_DURATION) > 0) {
            throw new ManifestException(field, "a duration of at most " + DocumentLimits.MAX_DURATION.toDays()
                    + "d (setting ppl.duration.max-days), got '" + text + "'");
        }
        return total;
    }
}
