package io.coderunner.server.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times are kept as milliseconds since the epoch and shown as ISO-8601 in UTC. */
public final class Timestamps {

    private static final long DAY_MILLIS = 86_400_000L;

    private Timestamps() {
    }

    public static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    /** The UTC day a moment falls on, counted from the epoch. */
    public static int day(long millis) {
        return (int) Math.floorDiv(millis, DAY_MILLIS);
    }

    /** The next midnight UTC after {@code millis}: when daily counters start again. */
    public static long nextMidnight(long millis) {
        return (day(millis) + 1L) * DAY_MILLIS;
    }

    /**
     * Reads a query parameter that is a date ({@code 2026-11-24}, its first millisecond) or a moment
     * ({@code 2026-11-24T10:00:00Z}); null stays null. {@code name} goes into the error message.
     */
    public static Long parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            }
            return java.time.LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be a date (2026-11-24) or a time (2026-11-24T10:00:00Z), got '"
                    + value + "'");
        }
    }
}
