package io.coderunner.server.ai;

import io.coderunner.server.http.BadRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the requests into prompts and checks their fields. Every prompt asks for code in one
 * fenced block and the explanation outside it, which {@link AnswerParts} splits again.
 */
final class Prompts {

    static final int MAX_PROMPT = 20_000;
    static final int MAX_CODE = 200_000;
    static final int MAX_ERROR = 50_000;
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9+#._ -]{1,40}");

    enum Action {
        FIX_ERROR("fix_error", true), EXPLAIN_ERROR("explain_error", false), EXPLAIN_CODE("explain_code", false),
        OPTIMIZE_CODE("optimize_code", true), GENERATE_CODE("generate_code", true);

        final String id;
        final boolean expectsCode;

        Action(String id, boolean expectsCode) {
            this.id = id;
            this.expectsCode = expectsCode;
        }

        static Action assist(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            for (Action a : values()) {
                if (a != GENERATE_CODE && a.id.equals(v)) {
                    return a;
                }
            }
            throw new BadRequestException("action must be one of fix_error, explain_error, explain_code, optimize_code"
                    + (value == null ? "" : ", was '" + value + "'"));
        }
    }

    private Prompts() {
    }

    private static final String RULES = " Put any code in exactly one fenced block (```language ... ```) holding the complete "
            + "program, and everything else outside it. The user runs the code themselves if they choose to.";

    static Prompt generate(AiRequests.Generate r) {
        String language = language(r.language(), true);
        String prompt = required("prompt", r.prompt(), MAX_PROMPT);
        String code = optional("code", r.code(), MAX_CODE);
        StringBuilder user = new StringBuilder("Write ").append(language).append(" code for this request:\n").append(prompt);
        if (code != null) {
            user.append("\n\nStart from the current code:\n```").append(language).append('\n').append(code).append("\n```");
        }
        return new Prompt("You are a programming assistant that writes correct, readable " + language + " code. Answer "
                + "with the code first, then a short explanation of how it works." + RULES, user.toString(),
                r.temperature(), r.maxTokens(), true);
    }

    static Prompt assist(Action action, AiRequests.Assist r) {
        String language = language(r.language(), false);
        String code = optional("code", r.code(), MAX_CODE);
        String error = optional("error", r.error(), MAX_ERROR);
        String instructions = switch (action) {
            case FIX_ERROR -> "Fix the error in this code. Answer with the corrected complete code first, then explain "
                    + "what caused the error and what you changed.";
            case EXPLAIN_ERROR -> "Explain in plain words what this error means, what in the code causes it, and how to "
                    + "fix it. Do not rewrite the whole program.";
            case EXPLAIN_CODE -> "Explain what this code does, step by step, for someone learning the language. Do not "
                    + "rewrite it.";
            case OPTIMIZE_CODE -> "Make this code faster, simpler or more idiomatic without changing what it does. Answer "
                    + "with the improved complete code first, then explain each change.";
            case GENERATE_CODE -> throw new IllegalArgumentException("not an assistant action");
        };
        if (code == null && action != Action.EXPLAIN_ERROR) {
            throw new BadRequestException("code is required for " + action.id);
        }
        if (error == null && (action == Action.FIX_ERROR || action == Action.EXPLAIN_ERROR)) {
            throw new BadRequestException("error (the error output) is required for " + action.id);
        }
        StringBuilder user = new StringBuilder(instructions);
        if (code != null) {
            user.append("\n\nCode (").append(language).append("):\n```").append(language).append('\n').append(code).append("\n```");
        }
        if (error != null) {
            user.append("\n\nError output:\n```\n").append(error).append("\n```");
        }
        return new Prompt("You are a programming assistant helping with " + language + " code." + RULES, user.toString(),
                r.temperature(), r.maxTokens(), action.expectsCode);
    }

    static String language(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BadRequestException("language is required, e.g. python");
            }
            return "the given";
        }
        String v = value.strip();
        if (!LANGUAGE.matcher(v).matches()) {
            throw new BadRequestException("language must be a language's name (letters, digits, + # . _ -, at most 40), "
                    + "was '" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'");
        }
        return v;
    }

    private static String required(String field, String value, int max) {
        String v = optional(field, value, max);
        if (v == null) {
            throw new BadRequestException(field + " is required");
        }
        return v;
    }

    private static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new BadRequestException(field + " is longer than " + max + " characters");
        }
        return value;
    }
}
