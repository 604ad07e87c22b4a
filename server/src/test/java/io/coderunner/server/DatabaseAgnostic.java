package io.coderunner.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A test class whose subject does not depend on which database the server keeps its rows in: the
 * build runs it on SQLite only, and leaves it out of the PostgreSQL run (tag
 * {@value #TAG}, excluded there in server/pom.xml).
 *
 * <p>The rule: put it on a class when what it checks would pass or fail the same whatever the
 * database, because the database takes no part in the outcome — a unit test that starts no
 * server, or a server test whose subject is the sandbox, streaming, sockets, a terminal's
 * processes, the network, files on disk, throttles and limits counted in memory, health, traces,
 * routing and security rules, rendering, or the code's architecture. Rows it writes on the way
 * (an account to sign in with, a run in a history) do not make it a database test when other
 * classes check those rows on both databases.
 *
 * <p>Leave it off a class that checks what SQL does: repositories and their queries, migrations,
 * transactions, counters taken under concurrency, quotas counted from rows, export and import,
 * history, the library, the community's lists, accounts, AI configurations, environments' and
 * terminal sessions' rows, statistics. When in doubt, leave it off: a class without it runs on both.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag(DatabaseAgnostic.TAG)
public @interface DatabaseAgnostic {

    /** The JUnit tag the PostgreSQL run of server/pom.xml excludes. */
    String TAG = "database-agnostic";
}
