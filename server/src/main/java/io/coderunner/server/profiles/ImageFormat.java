package io.coderunner.server.profiles;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The image formats accepted as avatars, recognised by their first bytes only: neither the file's
 * name nor the content type the client declares says anything about what the bytes are.
 */
enum ImageFormat {

    PNG(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}),
    JPEG(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}),
    GIF87(ascii("GIF87a")),
    GIF89(ascii("GIF89a")),
    /** RIFF, four bytes of size, WEBP. */
    WEBP(ascii("RIFF"));

    private final byte[] magic;

    ImageFormat(byte[] magic) {
        this.magic = magic;
    }

    static Optional<ImageFormat> detect(byte[] data) {
        return Arrays.stream(values()).filter(format -> format.matches(data)).findFirst();
    }

    private boolean matches(byte[] data) {
        if (data.length < magic.length || !Arrays.equals(data, 0, magic.length, magic, 0, magic.length)) {
            return false;
        }
        return this != WEBP || data.length >= 12 && Arrays.equals(data, 8, 12, ascii("WEBP"), 0, 4);
    }

    /** The name of the format's reader in javax.imageio. */
    String imageIoName() {
        return switch (this) {
            case PNG -> "png";
            case JPEG -> "jpeg";
            case GIF87, GIF89 -> "gif";
            case WEBP -> throw new IllegalStateException("the JDK has no WebP reader");
        };
    }

    String displayName() {
        return switch (this) {
            case GIF87, GIF89 -> "GIF";
            case WEBP -> "WebP";
            default -> name();
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
