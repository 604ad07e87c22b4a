package io.coderunner.server.profiles;

/**
 * PUT /profile's body. Every field is optional: one left out (or null) stays as it is, an empty
 * string clears it.
 */
record ProfileUpdate(String fullName, String bio, String website, String location, String github, Boolean profilePublic,
                     Boolean showEmail) {
}
