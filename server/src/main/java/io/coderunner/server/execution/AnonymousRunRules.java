package io.coderunner.server.execution;

/**
 * Whether visitors who are not signed in may run programs, and how many one address may start a
 * minute: the administrator's setting (GET/PUT /admin/settings), else the configured default.
 */
record AnonymousRunRules(boolean allowed, int runsPerMinutePerIp) {

    static final int MOST_PER_MINUTE = 1_000_000;

    AnonymousRunRules {
        if (runsPerMinutePerIp < 1 || runsPerMinutePerIp > MOST_PER_MINUTE) {
            throw new io.coderunner.server.http.BadRequestException("anonymous_runs_per_minute_per_ip must be between 1 and "
                    + MOST_PER_MINUTE + ", not " + runsPerMinutePerIp);
        }
    }
}
