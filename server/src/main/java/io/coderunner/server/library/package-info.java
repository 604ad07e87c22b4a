/**
 * The code library (seed 000's CodeLibrary): users' saved programs, private or public, with tags.
 * For now what programs read through an API key (GET /api/v1/codes) and what the execution module
 * needs to run a saved program ({@link io.coderunner.server.library.CodeLibrary#findReadable}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Code library")
package io.coderunner.server.library;
