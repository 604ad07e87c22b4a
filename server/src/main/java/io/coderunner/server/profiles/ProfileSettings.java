package io.coderunner.server.profiles;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Profile settings ({@code coderunner.profiles.*}).
 *
 * @param maxAvatarBytes largest avatar upload, in bytes (default 2 MiB); the server's request-size
 *                       limit (coderunner.max-request-bytes) still applies above it
 * @param avatarPixels   the longest side of a stored avatar: larger images are scaled down to it
 */
@ConfigurationProperties("coderunner.profiles")
record ProfileSettings(Long maxAvatarBytes, Integer avatarPixels) {

    ProfileSettings {
        if (maxAvatarBytes == null) {
            maxAvatarBytes = 2L * 1024 * 1024;
        }
        if (maxAvatarBytes < 1024) {
            throw new IllegalArgumentException("coderunner.profiles.max-avatar-bytes must be at least 1024, was " + maxAvatarBytes);
        }
        if (avatarPixels == null) {
            avatarPixels = 512;
        }
        if (avatarPixels < 16 || avatarPixels > 4096) {
            throw new IllegalArgumentException("coderunner.profiles.avatar-pixels must be between 16 and 4096, was " + avatarPixels);
        }
    }

    /** The limit as people say it: "2 MB", or in bytes when it is not a whole number of MiB or KiB. */
    String maxAvatarSize() {
        if (maxAvatarBytes % (1024 * 1024) == 0) {
            return maxAvatarBytes / (1024 * 1024) + " MB";
        }
        return maxAvatarBytes % 1024 == 0 ? maxAvatarBytes / 1024 + " KB" : maxAvatarBytes + " bytes";
    }
}
