package dev.ppl.contracts;

import java.security.SecureRandom;

/**
 * Resource ids: a short kind prefix and 16 random lowercase base-32 characters ({@code ls_k3v9...}),
 * so an id says what it names in logs and is safe in topic names, labels and file names.
 */
public final class Ids {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String LEASE = "ls";
    public static final String BACKEND = "bk";
    public static final String COMPONENT = "cp";
    public static final String VERSION = "cv";
    public static final String DEPLOYMENT = "dp";
    public static final String CONTAINER = "ct";
    public static final String FILE = "fl";
    public static final String WORKSPACE = "ws";

    private Ids() {
    }

    public static String next(String prefix) {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(out);
    }

    /** A random secret of 32 base-32 characters, for API and endpoint tokens. */
    public static String secret(String prefix) {
        char[] out = new char[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(out);
    }
}
