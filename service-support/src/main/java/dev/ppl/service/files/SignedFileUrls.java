package dev.ppl.service.files;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * URLs of one workspace file's content that a runtime can fetch without the workspace's token: the
 * gateway serves {@code /files/{id}/content?workspace=&expires=&signature=} when the signature is the
 * HMAC-SHA256, under a key the gateway and the deploy-service share, of the workspace, the file and the
 * expiry. A pod's init container or the local runtime gets the file; nobody who only sees the URL gets
 * another file, another workspace's, or this one after the expiry.
 */
public final class SignedFileUrls {
    /** The shortest key accepted: 128 bits of base64 or hex text still leave 16 characters or more. */
    public static final int MIN_KEY_LENGTH = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public SignedFileUrls(String key) {
        if (key == null || key.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("file signing key: at least " + MIN_KEY_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(key.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** {@code <gatewayUrl>/files/<fileId>/content?workspace=..&expires=..&signature=..}. */
    public URI url(String gatewayUrl, String workspaceId, String fileId, Instant expires) {
        String base = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        long at = expires.getEpochSecond();
        return URI.create(base + "/files/" + encode(fileId) + "/content?workspace=" + encode(workspaceId) + "&expires=" + at
                + "&signature=" + signature(workspaceId, fileId, at));
    }

    /** True when {@code signature} is this key's for the workspace, file and expiry, and the expiry is after {@code now}. */
    public boolean valid(String workspaceId, String fileId, long expires, String signature, Instant now) {
        if (workspaceId == null || fileId == null || signature == null || now.getEpochSecond() >= expires) {
            return false;
        }
        return MessageDigest.isEqual(signature(workspaceId, fileId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String workspaceId, String fileId, long expires) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // Newlines cannot occur in ids, so no two (workspace, file, expiry) triples sign the same text.
            byte[] digest = mac.doFinal((workspaceId + "\n" + fileId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
