package dev.ppl.deploy.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name and label rules of the Kubernetes API server, and the one way ppl turns its ids into names
 * and label values that follow them. Every mapping is a pure function of its input, so building the
 * objects of a deployment twice names them the same.
 */
public final class KubernetesNames {
    /** A DNS-1123 label: the limit for object names ppl chooses, label values and namespaces. */
    public static final int MAX_LABEL = 63;
    private static final int MAX_SUBDOMAIN = 253;
    private static final int HASH_CHARS = 8;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern
            .compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private KubernetesNames() {
    }

    /**
     * {@code ppl-<part>-<part>...} as a DNS-1123 label: lowercased, every character that is not a letter,
     * digit or {@code -} turned into {@code -}. A name longer than {@value #MAX_LABEL} keeps its first
     * characters and ends in a hash of the whole, so two long ids that share a prefix still get two names.
     */
    public static String objectName(String... parts) {
        String joined = "ppl-" + String.join("-", parts);
        String name = trimDashes(joined.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"));
        return name.length() <= MAX_LABEL ? name : shortened(name, joined);
    }

    /**
     * The value unchanged when it is a valid label value, which every id ppl mints is; otherwise its
     * invalid characters as {@code -}, cut to fit and followed by a hash of the original, because a label
     * value is what a selector finds objects by and two ids must not end up as one.
     */
    public static String labelValue(String value) {
        if (isLabelValue(value)) {
            return value;
        }
        return shortened(value.replaceAll("[^-A-Za-z0-9_.]", "-"), value);
    }

    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= MAX_LABEL && DNS_LABEL.matcher(value).matches();
    }

    public static boolean isDnsSubdomain(String value) {
        return value != null && value.length() <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.matcher(value).matches();
    }

    public static boolean isLabelValue(String value) {
        return value != null && value.length() <= MAX_LABEL && LABEL_VALUE.matcher(value).matches();
    }

    /** A label key: an optional DNS subdomain prefix and {@code /}, then a name of at most 63 characters. */
    public static boolean isLabelKey(String key) {
        if (key == null) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = slash < 0 || isDnsSubdomain(key.substring(0, slash));
        return prefixOk && name.length() <= MAX_LABEL && LABEL_NAME.matcher(name).matches();
    }

    /** A key of a Secret's or ConfigMap's data. */
    public static boolean isDataKey(String key) {
        return key != null && key.length() <= MAX_SUBDOMAIN && SECRET_KEY.matcher(key).matches();
    }

    private static String shortened(String cleaned, String original) {
        String prefix = trimEdges(cleaned.substring(0, Math.min(cleaned.length(), MAX_LABEL - HASH_CHARS - 1)));
        String hash = hash(original);
        return prefix.isEmpty() ? hash : prefix + "-" + hash;
    }

    private static String hash(String original) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String trimDashes(String value) {
        return value.replaceAll("^-+|-+$", "");
    }

    private static String trimEdges(String value) {
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }
}
