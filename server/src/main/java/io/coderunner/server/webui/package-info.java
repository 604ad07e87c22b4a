/**
 * The browser UI: its files come from the web module's jar (META-INF/resources/app); this module
 * routes browser navigations to them without taking any path from the API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web UI", allowedDependencies = {})
package io.coderunner.server.webui;
