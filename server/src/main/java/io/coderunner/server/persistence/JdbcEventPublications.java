package io.coderunner.server.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The store of Spring Modulith's event publication registry, over the {@code event_publication}
 * table of migration V9, on SQLite and PostgreSQL alike.
 *
 * <p>Hand-written because Modulith's JDBC store (spring-modulith-events-jdbc) supports neither
 * SQLite nor a way to add a database: it picks its SQL and its UUID mapping from the database's
 * product name, and fails to start on any other. What it stores, and when a publication counts as
 * incomplete, failed or resubmitted, follows that store (its second schema): the registry and its
 * retries behave the same whichever database the server has. Only the column types differ: the id is
 * text and times are epoch milliseconds, which both databases hold alike.
 *
 * <p>Each method runs in the caller's transaction when there is one: a publication is stored in the
 * transaction of the change that published the event, so it exists exactly when the change does.
 */
@Component
class JdbcEventPublications implements EventPublicationRepository {

    private static final Logger log = LoggerFactory.getLogger(JdbcEventPublications.class);
    private static final String COLUMNS = "id, listener_id, event_type, serialized_event, publication_date, "
            + "completion_date, status, completion_attempts, last_resubmission_date";
    private static final int DELETE_BATCH = 100;

    private final JdbcClient jdbc;
    private final EventSerializer serializer;
    private final boolean deleteCompleted;

    JdbcEventPublications(JdbcClient jdbc, EventSerializer serializer, Environment environment) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        CompletionMode mode = CompletionMode.from(environment);
        if (mode == CompletionMode.ARCHIVE) {
            throw new IllegalStateException(CompletionMode.PROPERTY + "=archive is not supported: use update or delete");
        }
        this.deleteCompleted = mode == CompletionMode.DELETE;
    }

    @Override
    public TargetEventPublication create(TargetEventPublication publication) {
        jdbc.sql("INSERT INTO event_publication (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)")
                .params(publication.getIdentifier().toString(), publication.getTargetIdentifier().getValue(),
                        publication.getEvent().getClass().getName(), serialize(publication.getEvent()),
                        publication.getPublicationDate().toEpochMilli(), publication.getStatus().name(),
                        publication.getCompletionAttempts(), publication.getPublicationDate().toEpochMilli())
                .update();
        return publication;
    }

    @Override
    public void markProcessing(UUID identifier) {
        setStatus(identifier, Status.PROCESSING);
    }

    @Override
    public void markFailed(UUID identifier) {
        setStatus(identifier, Status.FAILED);
    }

    private void setStatus(UUID identifier, Status status) {
        jdbc.sql("UPDATE event_publication SET status = ? WHERE id = ? AND status <> ? AND completion_date IS NULL")
                .params(status.name(), identifier.toString(), status.name())
                .update();
    }

    @Override
    public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
        String where = " WHERE listener_id = ? AND serialized_event = ? AND completion_date IS NULL";
        if (deleteCompleted) {
            jdbc.sql("DELETE FROM event_publication" + where).params(identifier.getValue(), serialize(event)).update();
        } else {
            jdbc.sql("UPDATE event_publication SET status = 'COMPLETED', completion_date = ?" + where)
                    .params(completionDate.toEpochMilli(), identifier.getValue(), serialize(event))
                    .update();
        }
    }

    @Override
    public void markCompleted(UUID identifier, Instant completionDate) {
        if (deleteCompleted) {
            jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(identifier.toString()).update();
        } else {
            jdbc.sql("UPDATE event_publication SET status = 'COMPLETED', completion_date = ? WHERE id = ?")
                    .params(completionDate.toEpochMilli(), identifier.toString())
                    .update();
        }
    }

    /** Claims the publication for one more attempt; false when another attempt has it already. */
    @Override
    public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
        return jdbc.sql("""
                        UPDATE event_publication
                        SET status = 'RESUBMITTED', completion_attempts = completion_attempts + 1, last_resubmission_date = ?
                        WHERE id = ? AND status <> 'RESUBMITTED' AND completion_date IS NULL""")
                .params(resubmissionDate.toEpochMilli(), identifier.toString())
                .update() == 1;
    }

    @Override
    public List<TargetEventPublication> findIncompletePublications() {
        return query("WHERE completion_date IS NULL ORDER BY publication_date");
    }

    @Override
    public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
        return query("WHERE completion_date IS NULL AND publication_date < ? ORDER BY publication_date",
                instant.toEpochMilli());
    }

    @Override
    public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(
            Object event, PublicationTargetIdentifier targetIdentifier) {
        return query("WHERE serialized_event = ? AND listener_id = ? AND completion_date IS NULL ORDER BY publication_date",
                serialize(event), targetIdentifier.getValue()).stream().findFirst();
    }

    @Override
    public List<TargetEventPublication> findCompletedPublications() {
        return query("WHERE completion_date IS NOT NULL ORDER BY publication_date");
    }

    @Override
    public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE status = 'FAILED' AND completion_date IS NULL");
        if (criteria.getPublicationDateReference() != null) {
            where.append(" AND publication_date < ?");
            params.add(criteria.getPublicationDateReference().toEpochMilli());
        }
        where.append(" ORDER BY publication_date");
        if (criteria.getMaxItemsToRead() > 0) {
            where.append(" LIMIT ").append(criteria.getMaxItemsToRead());
        }
        return query(where.toString(), params.toArray());
    }

    @Override
    public List<TargetEventPublication> findByStatus(Status status) {
        return query("WHERE status = ? ORDER BY publication_date", status.name());
    }

    @Override
    public int countByStatus(Status status) {
        return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE status = ?").param(status.name())
                .query(Integer.class).single();
    }

    @Override
    public void deletePublications(List<UUID> identifiers) {
        for (int from = 0; from < identifiers.size(); from += DELETE_BATCH) {
            List<String> batch = identifiers.subList(from, Math.min(identifiers.size(), from + DELETE_BATCH)).stream()
                    .map(UUID::toString).toList();
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            jdbc.sql("DELETE FROM event_publication WHERE id IN (" + marks + ")").params(batch).update();
        }
    }

    @Override
    public void deleteCompletedPublications() {
        jdbc.sql("DELETE FROM event_publication WHERE completion_date IS NOT NULL").update();
    }

    @Override
    public void deleteCompletedPublicationsBefore(Instant instant) {
        jdbc.sql("DELETE FROM event_publication WHERE completion_date < ?").param(instant.toEpochMilli()).update();
    }

    private String serialize(Object event) {
        return serializer.serialize(event).toString();
    }

    private List<TargetEventPublication> query(String where, Object... params) {
        List<TargetEventPublication> found = new ArrayList<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM event_publication " + where).params(params).query(rs -> {
            Stored publication = read(rs);
            if (publication != null) {
                found.add(publication);
            }
        });
        return found;
    }

    /** A row as a publication; null (and a warning) when its event's class is no longer there. */
    private Stored read(ResultSet rs) throws SQLException {
        String type = rs.getString("event_type");
        Class<?> eventType;
        try {
            eventType = ClassUtils.forName(type, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            log.warn("Event publication {} is of a type this server does not know ({}): left as it is",
                    rs.getString("id"), type);
            return null;
        }
        String serialized = rs.getString("serialized_event");
        long completed = rs.getLong("completion_date");
        Instant completion = rs.wasNull() ? null : Instant.ofEpochMilli(completed);
        long resubmitted = rs.getLong("last_resubmission_date");
        Instant lastResubmission = rs.wasNull() ? null : Instant.ofEpochMilli(resubmitted);
        return new Stored(UUID.fromString(rs.getString("id")), rs.getString("listener_id"),
                () -> serializer.deserialize(serialized, eventType), Instant.ofEpochMilli(rs.getLong("publication_date")),
                completion, Status.valueOf(rs.getString("status")), lastResubmission, rs.getInt("completion_attempts"));
    }

    /** A stored publication; its event is read from its JSON when first asked for. */
    private static final class Stored implements TargetEventPublication {

        private final UUID id;
        private final String listenerId;
        private final Supplier<Object> reader;
        private final Instant publicationDate;
        private final Instant lastResubmissionDate;
        private final int completionAttempts;
        private Instant completionDate;
        private Status status;
        private Object event;

        Stored(UUID id, String listenerId, Supplier<Object> reader, Instant publicationDate, Instant completionDate,
               Status status, Instant lastResubmissionDate, int completionAttempts) {
            this.id = id;
            this.listenerId = listenerId;
            this.reader = reader;
            this.publicationDate = publicationDate;
            this.completionDate = completionDate;
            this.status = status;
            this.lastResubmissionDate = lastResubmissionDate;
            this.completionAttempts = completionAttempts;
        }

        @Override
        public UUID getIdentifier() {
            return id;
        }

        @Override
        public synchronized Object getEvent() {
            if (event == null) {
                event = reader.get();
            }
            return event;
        }

        @Override
        public PublicationTargetIdentifier getTargetIdentifier() {
            return PublicationTargetIdentifier.of(listenerId);
        }

        @Override
        public Instant getPublicationDate() {
            return publicationDate;
        }

        @Override
        public Optional<Instant> getCompletionDate() {
            return Optional.ofNullable(completionDate);
        }

        @Override
        public void markCompleted(Instant instant) {
            completionDate = instant;
            status = Status.COMPLETED;
        }

        @Override
        public Status getStatus() {
            return status;
        }

        @Override
        public Instant getLastResubmissionDate() {
            return lastResubmissionDate;
        }

        @Override
        public int getCompletionAttempts() {
            return completionAttempts;
        }

        @Override
        public String toString() {
            return "publication " + id + " to " + listenerId + " (" + status + ", attempts " + completionAttempts + ")";
        }
    }
}
