package io.coderunner.server.profiles;

/** An avatar ready to store: its bytes and the extension of the format they are in ({@code png}, {@code webp}). */
record AvatarImage(byte[] bytes, String extension, String source) {
}
