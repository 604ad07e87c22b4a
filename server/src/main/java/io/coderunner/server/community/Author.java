package io.coderunner.server.community;

/** A user as the community shows one: never their e-mail address. */
record Author(long id, String username, String fullName) {
}
