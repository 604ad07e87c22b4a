package io.coderunner.server.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The cookies a browser signs in with. The web UI never sees its tokens: the access and refresh
 * tokens travel in HTTP-only cookies, and every request that changes something and is signed in
 * by cookie must also carry the {@code XSRF-TOKEN} cookie's value in the {@code X-XSRF-TOKEN}
 * header, which a page of another site cannot read (see {@link SecurityConfiguration}).
 * Programs keep sending {@code Authorization: Bearer} or {@code X-API-Key}, which need neither.
 */
public final class SessionCookies {

    /** The access token (HTTP-only). */
    public static final String ACCESS = "coderunner_access";
    /** The refresh token (HTTP-only). */
    public static final String REFRESH = "coderunner_refresh";
    /** The CSRF token, readable by the page; sent back in {@link #CSRF_HEADER}. */
    public static final String CSRF = "XSRF-TOKEN";
    public static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private SessionCookies() {
    }

    /** The value of the named cookie of the request, or null. */
    public static String read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * Every value of the named cookie, in the order the client sent them: a browser may hold two of
     * one name (set for different paths), and sends both.
     */
    public static List<String> readAll(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isBlank()) {
                values.add(cookie.getValue());
            }
        }
        return values;
    }

    /** Whether the request carries a session cookie (and so needs CSRF protection when it changes something). */
    public static boolean present(HttpServletRequest request) {
        return read(request, ACCESS) != null || read(request, REFRESH) != null;
    }
}
