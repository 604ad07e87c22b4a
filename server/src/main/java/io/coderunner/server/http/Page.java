package io.coderunner.server.http;

/**
 * A window of a list, given as {@code skip} and {@code limit} (the seeds' FastAPI style).
 * Limits are bounded so that no request can ask for a whole table.
 */
public record Page(int skip, int limit) {

    public static final int MAX_LIMIT = 500;

    public static Page of(Integer skip, Integer limit, int defaultLimit) {
        int s = skip == null ? 0 : skip;
        int l = limit == null ? defaultLimit : limit;
        if (s < 0) {
            throw new BadRequestException("skip must not be negative, was " + s);
        }
        if (l < 1 || l > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", was " + l);
        }
        return new Page(s, l);
    }
}
