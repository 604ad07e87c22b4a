package io.coderunner.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coderunner.server.DatabaseAgnostic;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How DATABASE_URL is read. */
@DatabaseAgnostic
class DatabaseTests {

    private final Path data = Path.of("/var/lib/coderunner");

    @Test
    void emptyMeansSqliteInTheDataDirectory() {
        Database database = Database.fromUrl("", data);
        assertThat(database.kind()).isEqualTo(Database.Kind.SQLITE);
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/coderunner/coderunner.db");
    }

    @Test
    void theSeedsPostgresqlFormIsTurnedIntoJdbcWithCredentialsApart() {
        Database database = Database.fromUrl("postgresql://runner:p%40ss@db.internal:5433/coderunner?sslmode=require", data);
        assertThat(database.kind()).isEqualTo(Database.Kind.POSTGRESQL);
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/coderunner?sslmode=require");
        assertThat(database.user()).isEqualTo("runner");
        assertThat(database.password()).isEqualTo("p@ss");
        assertThat(database.describe()).doesNotContain("p@ss");
    }

    @Test
    void sqliteAndJdbcUrlsAreTakenAsTheyAre() {
        assertThat(Database.fromUrl("sqlite:///srv/cr.db", data).jdbcUrl()).isEqualTo("jdbc:sqlite:srv/cr.db");
        assertThat(Database.fromUrl("jdbc:postgresql://h/db", data).kind()).isEqualTo(Database.Kind.POSTGRESQL);
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingCredentials() {
        assertThatThrownBy(() -> Database.fromUrl("mysql://root:secret@host/db", data))
                .hasMessageContaining("DATABASE_URL must be").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Database.fromUrl("postgresql://user@host", data)).hasMessageContaining("must name a host and a database");
    }
}
