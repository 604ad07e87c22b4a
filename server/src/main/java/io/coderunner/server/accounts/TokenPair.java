package io.coderunner.server.accounts;

/** What a sign-in answers (seed 000's Token, with the refresh token of seed 003). */
record TokenPair(String accessToken, String tokenType, long expiresIn, String refreshToken, UserView user) {
}
