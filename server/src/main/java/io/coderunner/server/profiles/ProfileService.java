package io.coderunner.server.profiles;

import io.coderunner.server.accounts.Accounts;
import io.coderunner.server.accounts.UserAccount;
import io.coderunner.server.http.NotFoundException;
import io.coderunner.server.security.Caller;
import io.coderunner.server.system.AuditEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Reading and changing the caller's own profile; every change is logged with the names of the fields changed. */
@Service
class ProfileService {

    private final ProfileRepository profiles;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProfileService(ProfileRepository profiles, Accounts accounts, ApplicationEventPublisher events, Clock clock) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    ProfileView get(Caller caller) {
        return ProfileView.of(account(caller.userId()), profiles.find(caller.userId()));
    }

    /**
     * Checks every given field before changing any, so a bad value changes nothing. Not one
     * transaction: the full name is the accounts module's, which drops its cached user once the new
     * name is written, and a transaction still open then would let the old name be cached again.
     */
    ProfileView update(Caller caller, ProfileUpdate request) {
        UserAccount user = account(caller.userId());
        StoredProfile old = profiles.find(user.id());
        StoredProfile changed = new StoredProfile(user.id(),
                request.bio() == null ? old.bio() : ProfileFields.bio(request.bio()),
                old.avatarFilename(),
                request.website() == null ? old.website() : ProfileFields.website(request.website()),
                request.location() == null ? old.location() : ProfileFields.location(request.location()),
                request.github() == null ? old.github() : ProfileFields.github(request.github()),
                request.profilePublic() == null ? old.profilePublic() : request.profilePublic(),
                request.showEmail() == null ? old.showEmail() : request.showEmail(),
                clock.millis());
        if (request.fullName() != null) {
            user = accounts.updateFullName(user.id(), request.fullName());
        }
        profiles.save(changed);
        events.publishEvent(AuditEvent.success(caller.userId(), caller.username(), "update_profile", "user", user.id(),
                "fields=" + String.join(",", changedFields(request))));
        return ProfileView.of(user, changed);
    }

    private UserAccount account(long userId) {
        return accounts.find(userId).orElseThrow(() -> new NotFoundException("user " + userId + " not found"));
    }

    private static List<String> changedFields(ProfileUpdate request) {
        List<String> fields = new ArrayList<>();
        add(fields, "full_name", request.fullName());
        add(fields, "bio", request.bio());
        add(fields, "website", request.website());
        add(fields, "location", request.location());
        add(fields, "github", request.github());
        add(fields, "profile_public", request.profilePublic());
        add(fields, "show_email", request.showEmail());
        return fields;
    }

    private static void add(List<String> fields, String name, Object value) {
        if (Objects.nonNull(value)) {
            fields.add(name);
        }
    }
}
