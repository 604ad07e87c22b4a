/**
 * Where data is kept: the database (SQLite or PostgreSQL, Flyway migrations), row and time
 * helpers, the event publication registry that keeps modules' events until their listeners have
 * finished, and files of the data directory readable by the server's user only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Persistence", type = org.springframework.modulith.ApplicationModule.Type.OPEN,
        allowedDependencies = {"system"})
package io.coderunner.server.persistence;
